namespace Robotics.Sim.MuJoCo.Randomization;

/// <summary>
/// What domain randomization varies each episode, drawn per element from the episode's seed: friction per geom,
/// mass (and inertia) per body, position gain per actuator, a constant offset per actuated joint, and noise on every
/// observed value. Offsets and noise are in the joints' units (rad for the arm, m for the gantry). Initial states and
/// object poses are randomized by each task itself. <see cref="None"/> is the nominal model.
/// </summary>
public sealed record RandomizationOptions
{
    public static RandomizationOptions None { get; } = new();

    /// <summary>Factor on each geom's friction (sliding, torsional, rolling).</summary>
    public UniformRange FrictionScale { get; init => field = Positive(value, nameof(FrictionScale)); } = UniformRange.Fixed(1);

    /// <summary>Factor on each body's mass and inertia.</summary>
    public UniformRange MassScale { get; init => field = Positive(value, nameof(MassScale)); } = UniformRange.Fixed(1);

    /// <summary>Factor on each position actuator's kp (gainprm[0], and biasprm[1] = -kp).</summary>
    public UniformRange GainScale { get; init => field = Positive(value, nameof(GainScale)); } = UniformRange.Fixed(1);

    /// <summary>Standard deviation of a constant offset added to each joint's commanded position (calibration error).</summary>
    public double ActuatorOffsetStd { get; init => field = NonNegative(value, nameof(ActuatorOffsetStd)); }

    /// <summary>Standard deviation of the Gaussian noise on every observed value.</summary>
    public double SensorNoiseStd { get; init => field = NonNegative(value, nameof(SensorNoiseStd)); }

    private static UniformRange Positive(UniformRange value, string name) =>
        value.Min > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "a scale range must stay above zero");

    private static double NonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "a standard deviation is a finite number >= 0");
}
