using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Control table of the Dynamixel X series under Protocol 2.0, as the e-manual gives it for the XL330-M288 and the
/// XM430-W210 (addresses, sizes, access; EEPROM below 64, writable only with torque off). Multi-byte items are
/// little-endian; goal/present values are two's complement. Units: <see cref="DynamixelUnits"/>.
/// </summary>
public static class XSeriesControlTable
{
    private const RegisterAccess R = RegisterAccess.Read;
    private const RegisterAccess RW = RegisterAccess.ReadWrite;
    private const RegisterEncoding Signed = RegisterEncoding.TwosComplement;

    // EEPROM area.
    public static readonly ServoRegister ModelNumber = new("Model Number", 0, 2, R, eeprom: true);
    public static readonly ServoRegister ModelInformation = new("Model Information", 2, 4, R, eeprom: true);
    public static readonly ServoRegister FirmwareVersion = new("Firmware Version", 6, 1, R, eeprom: true);
    public static readonly ServoRegister Id = new("ID", 7, 1, RW, eeprom: true);

    /// <summary>Index into <see cref="DynamixelBaudRate"/> (factory 1 = 57,600 bps).</summary>
    public static readonly ServoRegister BaudRate = new("Baud Rate", 8, 1, RW, eeprom: true);

    /// <summary>2 µs units; factory 250 = 500 µs.</summary>
    public static readonly ServoRegister ReturnDelayTime = new("Return Delay Time", 9, 1, RW, eeprom: true);

    /// <summary>Bit 0 reverses the direction; bit 2 selects time-based profiles.</summary>
    public static readonly ServoRegister DriveMode = new("Drive Mode", 10, 1, RW, eeprom: true);

    /// <summary><see cref="DynamixelOperatingMode"/>; factory 3 (position).</summary>
    public static readonly ServoRegister OperatingMode = new("Operating Mode", 11, 1, RW, eeprom: true);

    public static readonly ServoRegister SecondaryId = new("Secondary(Shadow) ID", 12, 1, RW, eeprom: true);
    public static readonly ServoRegister ProtocolType = new("Protocol Type", 13, 1, RW, eeprom: true);

    /// <summary>Present Position = actual position + Homing Offset (pulses, ±1,044,479).</summary>
    public static readonly ServoRegister HomingOffset = new("Homing Offset", 20, 4, RW, Signed, eeprom: true);

    public static readonly ServoRegister MovingThreshold = new("Moving Threshold", 24, 4, RW, eeprom: true);
    public static readonly ServoRegister TemperatureLimit = new("Temperature Limit", 31, 1, RW, eeprom: true);
    public static readonly ServoRegister MaxVoltageLimit = new("Max Voltage Limit", 32, 2, RW, eeprom: true);
    public static readonly ServoRegister MinVoltageLimit = new("Min Voltage Limit", 34, 2, RW, eeprom: true);
    public static readonly ServoRegister PwmLimit = new("PWM Limit", 36, 2, RW, eeprom: true);
    public static readonly ServoRegister CurrentLimit = new("Current Limit", 38, 2, RW, eeprom: true);
    public static readonly ServoRegister VelocityLimit = new("Velocity Limit", 44, 4, RW, eeprom: true);
    public static readonly ServoRegister MaxPositionLimit = new("Max Position Limit", 48, 4, RW, eeprom: true);
    public static readonly ServoRegister MinPositionLimit = new("Min Position Limit", 52, 4, RW, eeprom: true);
    public static readonly ServoRegister StartupConfiguration = new("Startup Configuration", 60, 1, RW, eeprom: true);

    /// <summary><see cref="DynamixelHardwareError"/> bits that switch torque off (XL330 53, XM430 52).</summary>
    public static readonly ServoRegister Shutdown = new("Shutdown", 63, 1, RW, eeprom: true);

    // RAM area.
    public static readonly ServoRegister TorqueEnable = new("Torque Enable", 64, 1, RW);
    public static readonly ServoRegister Led = new("LED", 65, 1, RW);

    /// <summary>0: answer ping only; 1: ping and reads; 2 (factory): everything.</summary>
    public static readonly ServoRegister StatusReturnLevel = new("Status Return Level", 68, 1, RW);

    public static readonly ServoRegister RegisteredInstruction = new("Registered Instruction", 69, 1, R);

    /// <summary><see cref="DynamixelHardwareError"/> bits; non-zero while the Alert bit is set in status packets.</summary>
    public static readonly ServoRegister HardwareErrorStatus = new("Hardware Error Status", 70, 1, R);

    public static readonly ServoRegister VelocityIGain = new("Velocity I Gain", 76, 2, RW);
    public static readonly ServoRegister VelocityPGain = new("Velocity P Gain", 78, 2, RW);
    public static readonly ServoRegister PositionDGain = new("Position D Gain", 80, 2, RW);
    public static readonly ServoRegister PositionIGain = new("Position I Gain", 82, 2, RW);
    public static readonly ServoRegister PositionPGain = new("Position P Gain", 84, 2, RW);
    public static readonly ServoRegister Feedforward2ndGain = new("Feedforward 2nd Gain", 88, 2, RW);
    public static readonly ServoRegister Feedforward1stGain = new("Feedforward 1st Gain", 90, 2, RW);

    /// <summary>20 ms units, 1..127 arms it, 0 disarms, -1 after it fired (SAFETY 21). Signed: -1 reads back as 0xFF.</summary>
    public static readonly ServoRegister BusWatchdog = new("Bus Watchdog", 98, 1, RW, Signed);

    public static readonly ServoRegister GoalPwm = new("Goal PWM", 100, 2, RW, Signed);
    public static readonly ServoRegister GoalCurrent = new("Goal Current", 102, 2, RW, Signed);
    public static readonly ServoRegister GoalVelocity = new("Goal Velocity", 104, 4, RW, Signed);
    public static readonly ServoRegister ProfileAcceleration = new("Profile Acceleration", 108, 4, RW);
    public static readonly ServoRegister ProfileVelocity = new("Profile Velocity", 112, 4, RW);
    public static readonly ServoRegister GoalPosition = new("Goal Position", 116, 4, RW, Signed);
    public static readonly ServoRegister RealtimeTick = new("Realtime Tick", 120, 2, R);
    public static readonly ServoRegister Moving = new("Moving", 122, 1, R);
    public static readonly ServoRegister MovingStatus = new("Moving Status", 123, 1, R);
    public static readonly ServoRegister PresentPwm = new("Present PWM", 124, 2, R, Signed);
    public static readonly ServoRegister PresentCurrent = new("Present Current", 126, 2, R, Signed);
    public static readonly ServoRegister PresentVelocity = new("Present Velocity", 128, 4, R, Signed);
    public static readonly ServoRegister PresentPosition = new("Present Position", 132, 4, R, Signed);
    public static readonly ServoRegister VelocityTrajectory = new("Velocity Trajectory", 136, 4, R, Signed);
    public static readonly ServoRegister PositionTrajectory = new("Position Trajectory", 140, 4, R, Signed);
    public static readonly ServoRegister PresentInputVoltage = new("Present Input Voltage", 144, 2, R);
    public static readonly ServoRegister PresentTemperature = new("Present Temperature", 146, 1, R);

    /// <summary>Every register above, in address order.</summary>
    public static IReadOnlyList<ServoRegister> All { get; } =
    [
        ModelNumber, ModelInformation, FirmwareVersion, Id, BaudRate, ReturnDelayTime, DriveMode, OperatingMode,
        SecondaryId, ProtocolType, HomingOffset, MovingThreshold, TemperatureLimit, MaxVoltageLimit, MinVoltageLimit,
        PwmLimit, CurrentLimit, VelocityLimit, MaxPositionLimit, MinPositionLimit, StartupConfiguration, Shutdown,
        TorqueEnable, Led, StatusReturnLevel, RegisteredInstruction, HardwareErrorStatus, VelocityIGain, VelocityPGain,
        PositionDGain, PositionIGain, PositionPGain, Feedforward2ndGain, Feedforward1stGain, BusWatchdog, GoalPwm,
        GoalCurrent, GoalVelocity, ProfileAcceleration, ProfileVelocity, GoalPosition, RealtimeTick, Moving,
        MovingStatus, PresentPwm, PresentCurrent, PresentVelocity, PresentPosition, VelocityTrajectory,
        PositionTrajectory, PresentInputVoltage, PresentTemperature,
    ];
}
