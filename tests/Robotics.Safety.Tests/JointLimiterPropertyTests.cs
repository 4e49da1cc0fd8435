using FsCheck;
using FsCheck.Fluent;

namespace Robotics.Safety.Tests;

/// <summary>
/// T8: limit invariants over random limits, consistent states, targets and dt (FsCheck). Position, velocity and the
/// step cap always hold; acceleration and jerk hold unless the limiter reports it had to give way to those.
/// </summary>
public sealed class JointLimiterPropertyTests
{
    private const double Eps = 1e-9;

    [Fact]
    public void EveryHardLimitHolds_AndRateLimitsHoldUnlessReportedYielded()
    {
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var motion = c.Motion;
            var reasons = SafetyReason.None;
            var position = JointLimiter.Limit(c.Limit, c.Target, c.Measured, ref motion, c.Dt, ref reasons);
            var l = c.Limit;
            var accel = (motion.Velocity - c.Motion.Velocity) / c.Dt;
            var speedingUp = Math.Abs(motion.Velocity) > Math.Abs(c.Motion.Velocity) && Math.Sign(motion.Velocity) != -Math.Sign(c.Motion.Velocity);
            var accelOk = Math.Abs(accel) <= (speedingUp ? l.MaxAcceleration : Math.Max(l.MaxAcceleration, l.MaxDeceleration)) + Eps;
            return (double.IsFinite(position)
                && position >= l.SoftMin - Eps && position <= l.SoftMax + Eps
                && Math.Abs(motion.Velocity) <= l.MaxVelocity + Eps
                && Math.Abs(position - c.Measured) <= l.MaxStep + Eps
                && (accelOk || (reasons & SafetyReason.RateLimitYielded) != 0)).Label($"{c} → {position} v={motion.Velocity} a={accel} {reasons}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20_000));
    }

    [Fact]
    public void ACommandWithinEveryLimit_PassesUnchanged()
    {
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            // A small, gentle move from rest well inside the limits: nothing may change it.
            var l = c.Limit;
            if (l.SoftMax - l.SoftMin < 1.2)
            {
                return true.ToProperty(); // narrow joint: "well inside" does not exist
            }

            var motion = new JointMotion(Math.Clamp(c.Motion.Position, l.SoftMin + 0.5, l.SoftMax - 0.5));
            var accel = 0.25 * Math.Min(l.MaxAcceleration, l.MaxDeceleration);
            accel = l.MaxJerk > 0 ? Math.Min(accel, 0.5 * l.MaxJerk * c.Dt) : accel; // from rest, acceleration may grow by j·dt
            accel = Math.Min(accel, 0.5 * l.MaxVelocity / c.Dt);
            var target = motion.Position + (accel * c.Dt * c.Dt * Math.Sign(c.Target - motion.Position));
            var reasons = SafetyReason.None;
            var position = JointLimiter.Limit(l, target, motion.Position, ref motion, c.Dt, ref reasons);
            return (position == target && reasons == SafetyReason.None).Label($"{target} → {position} {reasons}");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(20_000));
    }

    [Fact]
    public void NonFiniteTarget_HoldsInsteadOfPassingItThrough()
    {
        foreach (var target in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var motion = new JointMotion(0.3);
            var reasons = SafetyReason.None;

            var position = JointLimiter.Limit(Rig.Joint("j"), target, 0.3, ref motion, 0.01, ref reasons);

            Assert.Equal(0.3, position);
            Assert.True((reasons & SafetyReason.NonFinite) != 0);
        }
    }

    [Fact]
    public void Decelerate_ReachesStandstillWithinSoftLimitsAtTheDecelerationLimit()
    {
        var limit = Rig.Joint("j");
        var motion = new JointMotion(0, 2);
        var ticks = 0;
        while (!JointLimiter.Decelerate(limit, ref motion, 0.01))
        {
            Assert.True(Math.Abs(motion.Acceleration) <= limit.MaxDeceleration + Eps);
            Assert.True(++ticks < 100, "a stop from 2 rad/s at 20 rad/s² takes 0.1 s");
        }

        Assert.Equal(0, motion.Velocity);
        Assert.InRange(ticks, 8, 11);
    }

    internal sealed record Case(JointLimit Limit, JointMotion Motion, double Measured, double Target, double Dt);

    /// <summary>Random valid limits and a consistent previous state (inside soft, within the step cap of the measurement).</summary>
    internal static Gen<Case> Cases() =>
        from hardMin in Gen.Choose(-400, -10).Select(v => v / 100.0)
        from span in Gen.Choose(20, 800).Select(v => v / 100.0)
        from margin in Gen.Choose(0, 9).Select(v => v / 100.0)
        from vmax in Gen.Choose(1, 500).Select(v => v / 100.0)
        from amax in Gen.Choose(1, 5000).Select(v => v / 100.0)
        from dmax in Gen.Choose(1, 5000).Select(v => v / 100.0)
        from jerk in Gen.Elements(0.0, 50.0, 1000.0)
        from step in Gen.Choose(1, 100).Select(v => v / 100.0)
        from fp in Gen.Choose(0, 1000).Select(v => v / 1000.0)
        from fv in Gen.Choose(-1000, 1000).Select(v => v / 1000.0)
        from fm in Gen.Choose(-1000, 1000).Select(v => v / 1000.0)
        from target in Gen.OneOf(Gen.Choose(-1000, 1000).Select(v => v / 100.0), Gen.Elements(-1e308, 1e308, 5e-324, -5e-324, 0.0))
        from dtUs in Gen.Choose(500, 20_000)
        let limit = new JointLimit("j")
        {
            HardMin = hardMin, HardMax = hardMin + span, SoftMin = hardMin + (margin * span / 10), SoftMax = hardMin + span - (margin * span / 10),
            MaxVelocity = vmax, MaxAcceleration = amax, MaxDeceleration = dmax, MaxJerk = jerk, MaxStep = step, MaxResidual = 0.1,
        }
        let p = limit.SoftMin + (fp * (limit.SoftMax - limit.SoftMin))
        let v = fv * vmax
        select new Case(limit, new JointMotion(p, v), p + (fm * step), target, dtUs / 1e6);
}
