namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Hardware Error Status (register 70) and Shutdown (register 63) bits of the X series (e-manual "Shutdown"). When a
/// condition whose bit is set in Shutdown occurs, the servo clears Torque Enable itself and only REBOOT re-enables it;
/// status packets carry the Alert bit until then (SAFETY 29, 30).
/// </summary>
[Flags]
public enum DynamixelHardwareError : byte
{
    None = 0,

    /// <summary>Input voltage outside the voltage limit registers (32, 34).</summary>
    InputVoltage = 0x01,

    /// <summary>Internal temperature above Temperature Limit (31).</summary>
    Overheating = 0x04,

    /// <summary>Motor encoder malfunction.</summary>
    MotorEncoder = 0x08,

    /// <summary>Electrical shock on the circuit or insufficient power for the motor.</summary>
    ElectricalShock = 0x10,

    /// <summary>Persistent load beyond the maximum output.</summary>
    Overload = 0x20,
}
