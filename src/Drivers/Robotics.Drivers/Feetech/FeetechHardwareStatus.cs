namespace Robotics.Drivers.Feetech;

/// <summary>
/// The status byte of a Feetech reply (SCServo SDK ERRBIT_*): hardware conditions, not packet errors. Any bit means
/// FAULT and stop for the supervisor (SAFETY 29).
/// </summary>
[Flags]
public enum FeetechHardwareStatus : byte
{
    None = 0,

    /// <summary>Input voltage outside the voltage limits (14, 15).</summary>
    Voltage = 0x01,

    /// <summary>Angle (magnetic encoder) sensor fault.</summary>
    Angle = 0x02,

    /// <summary>Temperature above Max Temperature Limit (13).</summary>
    Overheat = 0x04,

    /// <summary>Current above Protection Current (28) for longer than the protection time.</summary>
    OverCurrent = 0x08,

    /// <summary>Load above Overload Torque (36) for longer than Protection Time (35).</summary>
    Overload = 0x20,
}
