namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Bits 0-6 of a status packet's error field (e-manual Protocol 2.0, "Error"): why the device did not process the
/// instruction. Bit 7 is the separate Alert flag (<see cref="DynamixelStatusField"/>).
/// </summary>
public enum DynamixelErrorNumber : byte
{
    None = 0,

    /// <summary>The instruction packet could not be processed.</summary>
    ResultFail = 0x01,

    /// <summary>Undefined instruction, or Action without a Reg Write before it.</summary>
    InstructionError = 0x02,

    /// <summary>The instruction packet's CRC did not match.</summary>
    CrcError = 0x03,

    /// <summary>Value outside the register's range (also goal writes after a bus watchdog stop).</summary>
    DataRangeError = 0x04,

    /// <summary>Fewer bytes than the register needs (2 of a 4-byte item).</summary>
    DataLengthError = 0x05,

    /// <summary>Value outside the limit registers (goal position beyond the position limits).</summary>
    DataLimitError = 0x06,

    /// <summary>Write to a read-only or undefined address, read of a write-only one, or EEPROM write with torque on.</summary>
    AccessError = 0x07,
}
