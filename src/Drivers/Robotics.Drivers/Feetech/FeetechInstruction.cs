namespace Robotics.Drivers.Feetech;

/// <summary>Instruction values of the Feetech SCS/STS protocol (SCServo SDK scservo_def: INST_*).</summary>
public enum FeetechInstruction : byte
{
    /// <summary>Not a valid instruction; the default value.</summary>
    None = 0x00,

    /// <summary>Answered with a status packet without parameters, whatever the response level.</summary>
    Ping = 0x01,

    Read = 0x02,
    Write = 0x03,
    RegWrite = 0x04,
    Action = 0x05,

    /// <summary>STS/SMS only (LeRobot: not available on SCS, protocol 1).</summary>
    SyncRead = 0x82,

    SyncWrite = 0x83,
}
