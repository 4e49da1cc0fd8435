using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Feetech;

/// <summary>
/// Memory table of the Feetech STS/SMS series (STS3215), as the SCServo SDK's SMS_STS.h and LeRobot's feetech
/// tables.py give it. EEPROM below 40 (kept only while Lock, 55, is 0). Multi-byte items are little-endian on STS
/// (SCS servos are big-endian and are not covered here). Position, speed and current carry the sign in bit 15,
/// the homing offset in bit 11 and the load in bit 10 (SDK ReadPos/ReadSpeed/ReadLoad/ReadCurrent, LeRobot
/// encodings). Units: <see cref="FeetechUnits"/>.
/// </summary>
public static class StsControlTable
{
    private const RegisterAccess R = RegisterAccess.Read;
    private const RegisterAccess RW = RegisterAccess.ReadWrite;
    private const RegisterEncoding SignMagnitude = RegisterEncoding.SignMagnitude;

    // EEPROM.
    public static readonly ServoRegister FirmwareMajorVersion = new("Firmware Major Version", 0, 1, R, eeprom: true);
    public static readonly ServoRegister FirmwareMinorVersion = new("Firmware Minor Version", 1, 1, R, eeprom: true);

    /// <summary>777 for the STS3215 (LeRobot MODEL_NUMBER_TABLE).</summary>
    public static readonly ServoRegister ModelNumber = new("Model Number", 3, 2, R, eeprom: true);

    public static readonly ServoRegister Id = new("ID", 5, 1, RW, eeprom: true);

    /// <summary>Index into <see cref="FeetechBaudRate"/> (0 = 1 Mbps).</summary>
    public static readonly ServoRegister BaudRate = new("Baud Rate", 6, 1, RW, eeprom: true);

    /// <summary>2 µs units.</summary>
    public static readonly ServoRegister ReturnDelayTime = new("Return Delay Time", 7, 1, RW, eeprom: true);

    /// <summary>0: answer only ping and read; 1: answer every instruction.</summary>
    public static readonly ServoRegister StatusReturnLevel = new("Response Status Level", 8, 1, RW, eeprom: true);

    public static readonly ServoRegister MinPositionLimit = new("Min Position Limit", 9, 2, RW, eeprom: true);
    public static readonly ServoRegister MaxPositionLimit = new("Max Position Limit", 11, 2, RW, eeprom: true);
    public static readonly ServoRegister MaxTemperatureLimit = new("Max Temperature Limit", 13, 1, RW, eeprom: true);
    public static readonly ServoRegister MaxVoltageLimit = new("Max Voltage Limit", 14, 1, RW, eeprom: true);
    public static readonly ServoRegister MinVoltageLimit = new("Min Voltage Limit", 15, 1, RW, eeprom: true);
    public static readonly ServoRegister MaxTorqueLimit = new("Max Torque Limit", 16, 2, RW, eeprom: true);
    public static readonly ServoRegister Phase = new("Phase", 18, 1, RW, eeprom: true);

    /// <summary><see cref="FeetechHardwareStatus"/> that switch torque off.</summary>
    public static readonly ServoRegister UnloadingCondition = new("Unloading Condition", 19, 1, RW, eeprom: true);

    public static readonly ServoRegister LedAlarmCondition = new("LED Alarm Condition", 20, 1, RW, eeprom: true);
    public static readonly ServoRegister PCoefficient = new("P Coefficient", 21, 1, RW, eeprom: true);
    public static readonly ServoRegister DCoefficient = new("D Coefficient", 22, 1, RW, eeprom: true);
    public static readonly ServoRegister ICoefficient = new("I Coefficient", 23, 1, RW, eeprom: true);
    public static readonly ServoRegister MinimumStartupForce = new("Minimum Startup Force", 24, 2, RW, eeprom: true);
    public static readonly ServoRegister CwDeadZone = new("CW Dead Zone", 26, 1, RW, eeprom: true);
    public static readonly ServoRegister CcwDeadZone = new("CCW Dead Zone", 27, 1, RW, eeprom: true);
    public static readonly ServoRegister ProtectionCurrent = new("Protection Current", 28, 2, RW, eeprom: true);
    public static readonly ServoRegister AngularResolution = new("Angular Resolution", 30, 1, RW, eeprom: true);

    /// <summary>Present Position = actual position − Homing Offset (LeRobot), sign in bit 11 (±2047).</summary>
    public static readonly ServoRegister HomingOffset = new("Homing Offset", 31, 2, RW, SignMagnitude, 11, eeprom: true);

    /// <summary><see cref="FeetechOperatingMode"/>.</summary>
    public static readonly ServoRegister OperatingMode = new("Operating Mode", 33, 1, RW, eeprom: true);

    public static readonly ServoRegister ProtectiveTorque = new("Protective Torque", 34, 1, RW, eeprom: true);
    public static readonly ServoRegister ProtectionTime = new("Protection Time", 35, 1, RW, eeprom: true);
    public static readonly ServoRegister OverloadTorque = new("Overload Torque", 36, 1, RW, eeprom: true);
    public static readonly ServoRegister VelocityPCoefficient = new("Velocity P Coefficient", 37, 1, RW, eeprom: true);
    public static readonly ServoRegister OverCurrentProtectionTime = new("Over Current Protection Time", 38, 1, RW, eeprom: true);
    public static readonly ServoRegister VelocityICoefficient = new("Velocity I Coefficient", 39, 1, RW, eeprom: true);

    // SRAM.
    public static readonly ServoRegister TorqueEnable = new("Torque Enable", 40, 1, RW);
    public static readonly ServoRegister Acceleration = new("Acceleration", 41, 1, RW);
    public static readonly ServoRegister GoalPosition = new("Goal Position", 42, 2, RW, SignMagnitude, 15);
    public static readonly ServoRegister GoalTime = new("Goal Time", 44, 2, RW);

    /// <summary>Steps per second; 0 = as fast as the servo can.</summary>
    public static readonly ServoRegister GoalSpeed = new("Goal Speed", 46, 2, RW, SignMagnitude, 15);

    public static readonly ServoRegister TorqueLimit = new("Torque Limit", 48, 2, RW);

    /// <summary>1 protects the EEPROM (writes are not kept over a power cycle); LeRobot sets 0 with torque off.</summary>
    public static readonly ServoRegister Lock = new("Lock", 55, 1, RW);

    public static readonly ServoRegister PresentPosition = new("Present Position", 56, 2, R, SignMagnitude, 15);
    public static readonly ServoRegister PresentSpeed = new("Present Speed", 58, 2, R, SignMagnitude, 15);

    /// <summary>0.1 % of the maximum torque, sign in bit 10.</summary>
    public static readonly ServoRegister PresentLoad = new("Present Load", 60, 2, R, SignMagnitude, 10);

    public static readonly ServoRegister PresentVoltage = new("Present Voltage", 62, 1, R);
    public static readonly ServoRegister PresentTemperature = new("Present Temperature", 63, 1, R);

    /// <summary>The current <see cref="FeetechHardwareStatus"/>, also sent as every reply's status byte.</summary>
    public static readonly ServoRegister Status = new("Status", 65, 1, R);

    public static readonly ServoRegister Moving = new("Moving", 66, 1, R);
    public static readonly ServoRegister PresentCurrent = new("Present Current", 69, 2, R, SignMagnitude, 15);

    /// <summary>Every register above, in address order.</summary>
    public static IReadOnlyList<ServoRegister> All { get; } =
    [
        FirmwareMajorVersion, FirmwareMinorVersion, ModelNumber, Id, BaudRate, ReturnDelayTime, StatusReturnLevel,
        MinPositionLimit, MaxPositionLimit, MaxTemperatureLimit, MaxVoltageLimit, MinVoltageLimit, MaxTorqueLimit,
        Phase, UnloadingCondition, LedAlarmCondition, PCoefficient, DCoefficient, ICoefficient, MinimumStartupForce,
        CwDeadZone, CcwDeadZone, ProtectionCurrent, AngularResolution, HomingOffset, OperatingMode, ProtectiveTorque,
        ProtectionTime, OverloadTorque, VelocityPCoefficient, OverCurrentProtectionTime, VelocityICoefficient,
        TorqueEnable, Acceleration, GoalPosition, GoalTime, GoalSpeed, TorqueLimit, Lock, PresentPosition,
        PresentSpeed, PresentLoad, PresentVoltage, PresentTemperature, Status, Moving, PresentCurrent,
    ];

    /// <summary>Model Number of the STS3215.</summary>
    public const ushort Sts3215ModelNumber = 777;
}
