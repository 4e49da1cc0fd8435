namespace Robotics.Drivers.Emulator;

/// <summary>The wire protocol an emulated bus speaks.</summary>
public enum EmulatedProtocol
{
    /// <summary>Dynamixel Protocol 2.0 (X series).</summary>
    Dynamixel2 = 0,

    /// <summary>Feetech STS (STS3215).</summary>
    FeetechSts,
}
