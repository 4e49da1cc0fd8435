namespace Robotics.Drivers.Arm;

/// <summary>
/// One joint of a servo arm and its calibration: radians = ±(ticks − <see cref="ZeroTicks"/>) · 2π / 4096, as
/// LeRobot's calibration records homing offset and drive direction per motor. <see cref="MinTicks"/> and
/// <see cref="MaxTicks"/> are what the servo's Min/Max Position Limit registers must hold (checked at connect,
/// SAFETY.md H32); the defaults are both protocols' factory values, one full turn.
/// </summary>
public sealed record ServoJoint(string Name, byte Id, int ZeroTicks = 2048, bool Inverted = false, int MinTicks = 0, int MaxTicks = 4095)
{
    private const double RadiansPerTick = 2 * Math.PI / 4096;

    public double ToRadians(int ticks) => (Inverted ? -1 : 1) * (ticks - ZeroTicks) * RadiansPerTick;

    public int ToTicks(double radians) => ZeroTicks + (int)Math.Round((Inverted ? -1 : 1) * radians / RadiansPerTick);
}
