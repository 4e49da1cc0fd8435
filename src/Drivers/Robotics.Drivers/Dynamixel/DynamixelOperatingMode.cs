namespace Robotics.Drivers.Dynamixel;

/// <summary>Operating Mode (register 11) values of the X series (e-manual "Operating Mode").</summary>
public enum DynamixelOperatingMode : byte
{
    Current = 0,
    Velocity = 1,

    /// <summary>Factory default: 0..4095 within the position limits.</summary>
    Position = 3,

    /// <summary>Multi-turn, ±256 revolutions.</summary>
    ExtendedPosition = 4,

    CurrentBasedPosition = 5,
    Pwm = 16,
}
