namespace Robotics.Safety;

/// <summary>
/// Limits one joint's next command (SAFETY.md B6–B9). The next velocity v is chosen from an interval narrowed by each
/// limit in priority order — velocity, soft position, braking envelope, step cap around the measured position,
/// acceleration/deceleration, jerk — and is the wanted velocity clamped into it. A limit that would empty the
/// interval does not apply; the closest allowed point toward it is taken and the reason recorded, so the output is
/// always finite and the higher-priority limits always hold. With a consistent previous state (within soft limits
/// and within the step cap of the measured position) the first four always hold together, since v = 0 meets them all.
/// Rates use the previous <i>command</i>, never the measurement (ros2_control joint_limits).
/// </summary>
public static class JointLimiter
{
    /// <summary>
    /// Returns the limited position for <paramref name="target"/> and advances <paramref name="motion"/>;
    /// <paramref name="reasons"/> gains a bit for every limit that changed the command. <paramref name="dt"/> &gt; 0.
    /// </summary>
    public static double Limit(JointLimit limit, double target, double measured, ref JointMotion motion, double dt, ref SafetyReason reasons)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var p = motion.Position;
        var wanted = (target - p) / dt;
        var exact = double.IsFinite(wanted);
        if (!exact)
        {
            // Never clamp a NaN (Math.Clamp passes it through, SAFETY.md A1): the supervisor rejects such requests
            // before they get here; should one slip through (or a finite target overflow), this joint holds.
            reasons |= SafetyReason.NonFinite;
            wanted = 0;
        }

        var interval = new Interval(-limit.MaxVelocity, limit.MaxVelocity, SafetyReason.VelocityLimited);

        interval.Narrow((limit.SoftMin - p) / dt, (limit.SoftMax - p) / dt, SafetyReason.PositionLimited, SafetyReason.InwardOnly, ref reasons);

        // Able to stop before the soft limit at the allowed deceleration: v² ≤ 2·d·distance (B7).
        var brakeUp = Math.Sqrt(2 * limit.MaxDeceleration * Math.Max(0, limit.SoftMax - p));
        var brakeDown = Math.Sqrt(2 * limit.MaxDeceleration * Math.Max(0, p - limit.SoftMin));
        interval.Narrow(-brakeDown, brakeUp, SafetyReason.BrakingEnvelope, SafetyReason.InwardOnly, ref reasons);

        interval.Narrow((measured - limit.MaxStep - p) / dt, (measured + limit.MaxStep - p) / dt, SafetyReason.StepCapped, SafetyReason.InwardOnly, ref reasons);

        // Speeding up is bounded by MaxAcceleration, slowing down by MaxDeceleration (B7), around the last velocity.
        var v0 = motion.Velocity;
        var down = v0 > 0 ? limit.MaxDeceleration : limit.MaxAcceleration;
        var up = v0 < 0 ? limit.MaxDeceleration : limit.MaxAcceleration;
        interval.Narrow(v0 - (down * dt), v0 + (up * dt), SafetyReason.AccelerationLimited, SafetyReason.RateLimitYielded, ref reasons);

        if (limit.MaxJerk > 0)
        {
            var a0 = motion.Acceleration;
            interval.Narrow(v0 + ((a0 - (limit.MaxJerk * dt)) * dt), v0 + ((a0 + (limit.MaxJerk * dt)) * dt), SafetyReason.JerkLimited, SafetyReason.RateLimitYielded, ref reasons);
        }

        var v = interval.Clamp(wanted, ref reasons);
        // Unchanged commands come out bit for bit as asked (no round trip through v·dt).
        var position = exact && v == wanted ? target : p + (v * dt);
        motion = new JointMotion(position, v, (v - v0) / dt);
        return position;
    }

    /// <summary>
    /// One controlled-stop step (D14): slows the last commanded velocity toward zero at MaxDeceleration, still within
    /// the soft limits. Returns true once the joint stands still.
    /// </summary>
    public static bool Decelerate(JointLimit limit, ref JointMotion motion, double dt)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var v0 = motion.Velocity;
        var step = limit.MaxDeceleration * dt;
        var v = Math.Abs(v0) <= step ? 0 : v0 - (Math.Sign(v0) * step);
        var position = Math.Clamp(motion.Position + (v * dt), limit.SoftMin, limit.SoftMax);
        v = (position - motion.Position) / dt;
        motion = new JointMotion(position, v, (v - v0) / dt);
        return v == 0;
    }

    /// <summary>The allowed velocities so far, with the reason each bound came from.</summary>
    private struct Interval(double lo, double hi, SafetyReason reason)
    {
        private double _lo = lo;
        private double _hi = hi;
        private SafetyReason _loReason = reason;
        private SafetyReason _hiReason = reason;

        public void Narrow(double lo, double hi, SafetyReason reason, SafetyReason yielded, ref SafetyReason reasons)
        {
            if (lo > _hi || hi < _lo)
            {
                // Incompatible with the higher-priority limits: go as far toward it as they allow.
                var toward = lo > _hi ? _hi : _lo;
                (_lo, _hi) = (toward, toward);
                reasons |= yielded;
                return;
            }

            if (lo > _lo)
            {
                (_lo, _loReason) = (lo, reason);
            }

            if (hi < _hi)
            {
                (_hi, _hiReason) = (hi, reason);
            }
        }

        public readonly double Clamp(double wanted, ref SafetyReason reasons)
        {
            if (wanted < _lo)
            {
                reasons |= _loReason;
                return _lo;
            }

            if (wanted > _hi)
            {
                reasons |= _hiReason;
                return _hi;
            }

            return wanted;
        }
    }
}
