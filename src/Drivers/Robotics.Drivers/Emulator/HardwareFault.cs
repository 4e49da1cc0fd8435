namespace Robotics.Drivers.Emulator;

/// <summary>
/// A hardware condition an emulated servo can be given (<see cref="EmulatedServo.InjectHardwareFault"/>), mapped to
/// the protocol's bit: Dynamixel Hardware Error Status (70) or Feetech status byte. Not every protocol has every bit.
/// </summary>
public enum HardwareFault
{
    /// <summary>Dynamixel bit 0, Feetech bit 0.</summary>
    InputVoltage = 0,

    /// <summary>Dynamixel bit 2, Feetech bit 2.</summary>
    Overheating,

    /// <summary>Dynamixel bit 5, Feetech bit 5.</summary>
    Overload,

    /// <summary>Dynamixel bit 4 only.</summary>
    ElectricalShock,

    /// <summary>Dynamixel bit 3 only.</summary>
    MotorEncoder,

    /// <summary>Feetech bit 1 only.</summary>
    AngleSensor,

    /// <summary>Feetech bit 3 only.</summary>
    OverCurrent,
}
