namespace Robotics.Drivers.Dynamixel;

/// <summary>Instruction field values of Dynamixel Protocol 2.0 (ROBOTIS e-manual, "Instruction").</summary>
public enum DynamixelInstruction : byte
{
    /// <summary>Not a valid instruction; the default value.</summary>
    None = 0x00,

    /// <summary>Is a device with this id there? Always answered, whatever the status return level.</summary>
    Ping = 0x01,

    Read = 0x02,

    Write = 0x03,

    /// <summary>Write held until <see cref="Action"/> (synchronised start).</summary>
    RegWrite = 0x04,

    Action = 0x05,

    /// <summary>Control table back to factory values (parameter: 0xFF all, 0x01 all but id, 0x02 all but id and baud).</summary>
    FactoryReset = 0x06,

    /// <summary>The only way to re-enable torque after a hardware-error shutdown.</summary>
    Reboot = 0x08,

    Clear = 0x10,

    /// <summary>The instruction field of every status packet.</summary>
    Status = 0x55,

    SyncRead = 0x82,

    SyncWrite = 0x83,

    BulkRead = 0x92,

    BulkWrite = 0x93,
}
