namespace Robotics.Sim.MuJoCo.Robot;

/// <summary>
/// How a simulated joint imitates a serial servo, so the supervisor and the nodes above it cannot tell sim from
/// hardware except by configuration. Defaults are a Feetech STS3215 on a 1 Mbps bus: 4096 steps per turn (12-bit
/// magnetic encoder, 0.088°), a goal that takes effect about 2 ms after it was written (sync write + the servo's
/// control period), and ±1 step of read noise.
/// </summary>
public sealed record ServoModel
{
    /// <summary>Encoder resolution in rad: readings come out in whole steps (2π/4096 for the STS3215).</summary>
    public double Resolution { get; init; } = 2 * Math.PI / 4096;

    /// <summary>Delay between a goal write and the servo acting on it.</summary>
    public TimeSpan CommandLatency { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Standard deviation of position read noise, in rad (before quantization).</summary>
    public double PositionNoise { get; init; } = 2 * Math.PI / 4096;

    /// <summary>An ideal servo: no quantization, no latency, no noise (for tests that compare against physics).</summary>
    public static ServoModel Ideal { get; } = new() { Resolution = 0, CommandLatency = TimeSpan.Zero, PositionNoise = 0 };
}
