using Robotics.Sim.MuJoCo.Randomization;

namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// How a scripted expert varies its demonstrations: Gaussian noise on every target it sends (joint units: m for the
/// gantry, rad for the arm), and a speed factor drawn once per episode that scales its speeds and shortens or
/// lengthens its pauses. <see cref="Exact"/>: no noise, nominal speed.
/// </summary>
public sealed record ExpertOptions
{
    public static ExpertOptions Exact { get; } = new();

    public double TargetNoiseStd
    {
        get;
        init => field = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(TargetNoiseStd), value, "a standard deviation is a finite number >= 0");
    }

    /// <summary>Per-episode speed factor; 1 is the expert's nominal speed.</summary>
    public UniformRange SpeedFactor
    {
        get;
        init => field = value.Min > 0 ? value : throw new ArgumentOutOfRangeException(nameof(SpeedFactor), value, "a speed factor stays above zero");
    } = UniformRange.Fixed(1);
}
