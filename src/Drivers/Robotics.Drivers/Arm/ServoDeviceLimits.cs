namespace Robotics.Drivers.Arm;

/// <summary>A servo's own protection limits, read at connect: the derating thresholds are set below them (SAFETY.md H32).</summary>
internal readonly record struct ServoDeviceLimits(double TemperatureLimitCelsius, double MinVolts, double MaxVolts, long LoadFullScale)
{
    /// <summary>False until the servo answered at connect: its health is not judged before then.</summary>
    public bool Known => LoadFullScale > 0;
}
