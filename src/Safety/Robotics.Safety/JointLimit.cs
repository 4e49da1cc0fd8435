namespace Robotics.Safety;

/// <summary>
/// One joint's limits (SAFETY.md B6–B8), in radians and seconds. Soft limits lie inside hard limits: commands stay
/// within soft; a measured position beyond hard by more than <see cref="SafetyConfig.PositionFaultTolerance"/> is a
/// fault. Every value must be finite and positive where a rate; <see cref="SafetyConfig.Validate"/> says which is not.
/// </summary>
public sealed record JointLimit(string Name)
{
    public double HardMin { get; init; }

    public double HardMax { get; init; }

    public double SoftMin { get; init; }

    public double SoftMax { get; init; }

    /// <summary>rad/s; also bounded by the braking envelope (able to stop before the soft limit at <see cref="MaxDeceleration"/>).</summary>
    public double MaxVelocity { get; init; }

    /// <summary>rad/s² while speeding up.</summary>
    public double MaxAcceleration { get; init; }

    /// <summary>rad/s² while slowing down (and for controlled stops).</summary>
    public double MaxDeceleration { get; init; }

    /// <summary>rad/s³; 0 leaves jerk unchecked (hobby servos have no jerk spec). Yields to position and stop limits.</summary>
    public double MaxJerk { get; init; }

    /// <summary>Largest |goal − measured| per tick (LeRobot <c>max_relative_target</c>, SAFETY.md B8).</summary>
    public double MaxStep { get; init; }

    /// <summary>Largest |residual| added to the base command (SAFETY.md C13; ResFiT scale 0.1).</summary>
    public double MaxResidual { get; init; }

    /// <summary>
    /// Largest |measured effort| (the unit the hardware reports, N·m or a servo's load units); 0 turns it off.
    /// Beyond it the supervisor makes a protective stop before the servo's own overload trip (B7, H32). B7's effort
    /// <i>rate</i> limit applies to effort commands, which this position-only stack never sends, so it has no field.
    /// </summary>
    public double MaxEffort { get; init; }
}
