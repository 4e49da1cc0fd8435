using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using F = Robotics.Drivers.Feetech.StsControlTable;
using X = Robotics.Drivers.Dynamixel.XSeriesControlTable;

namespace Robotics.Drivers.Arm;

/// <summary>
/// What a <see cref="ServoArm"/> needs from a protocol's control table: the registers it verifies at connect (H32),
/// the ones it samples for derating (H32), the bus watchdog where there is one (E21), and how to name values in errors.
/// </summary>
internal sealed class ServoArmTable
{
    /// <summary>Dynamixel X series: Present PWM over PWM Limit is the load (every X model has both; not all have a current sensor).</summary>
    public static readonly ServoArmTable Dynamixel = new()
    {
        TorqueEnable = X.TorqueEnable,
        ModelNumber = X.ModelNumber,
        ReturnDelayTime = X.ReturnDelayTime,
        OperatingMode = X.OperatingMode,
        PositionMode = (byte)DynamixelOperatingMode.Position,
        ModeName = mode => ((DynamixelOperatingMode)mode).ToString(),
        MinPositionLimit = X.MinPositionLimit,
        MaxPositionLimit = X.MaxPositionLimit,
        TemperatureLimit = X.TemperatureLimit,
        MinVoltageLimit = X.MinVoltageLimit,
        MaxVoltageLimit = X.MaxVoltageLimit,
        VoltageUnitVolts = DynamixelUnits.VoltageUnitVolts,
        LoadFullScaleRegister = X.PwmLimit,
        PresentLoad = X.PresentPwm,
        PresentVoltage = X.PresentInputVoltage,
        PresentTemperature = X.PresentTemperature,
        BusWatchdog = X.BusWatchdog,
        ModelName = number => DynamixelModel.Find(number)?.Name,
        SupportedModels = string.Join(", ", DynamixelModel.Known.Select(m => $"{m.Name} ({m.ModelNumber})")),
        DescribeStatus = status => DynamixelStatusField.ErrorNumber(status).ToString(),
    };

    /// <summary>
    /// Feetech STS: no bus watchdog register exists (SAFETY.md E21, [FT]), so a servo keeps its last goal if the host
    /// dies. That is why only position mode is accepted here: a stale goal position holds still, a stale goal speed
    /// (mode 1) or PWM (mode 2) would keep the joint moving until something breaks.
    /// </summary>
    public static readonly ServoArmTable Feetech = new()
    {
        TorqueEnable = F.TorqueEnable,
        ModelNumber = F.ModelNumber,
        ReturnDelayTime = F.ReturnDelayTime,
        OperatingMode = F.OperatingMode,
        PositionMode = (byte)FeetechOperatingMode.Position,
        ModeName = mode => ((FeetechOperatingMode)mode).ToString(),
        MinPositionLimit = F.MinPositionLimit,
        MaxPositionLimit = F.MaxPositionLimit,
        TemperatureLimit = F.MaxTemperatureLimit,
        MinVoltageLimit = F.MinVoltageLimit,
        MaxVoltageLimit = F.MaxVoltageLimit,
        VoltageUnitVolts = FeetechUnits.VoltageUnitVolts,
        LoadFullScale = 1000, // Present Load in 0.1 % of the maximum torque
        PresentLoad = F.PresentLoad,
        PresentVoltage = F.PresentVoltage,
        PresentTemperature = F.PresentTemperature,
        BusWatchdog = null,
        ModelName = number => number == F.Sts3215ModelNumber ? "STS3215" : null,
        SupportedModels = $"STS3215 ({F.Sts3215ModelNumber})",
        DescribeStatus = status => ((FeetechHardwareStatus)status).ToString(),
    };

    private RegisterBlock? _identity;
    private RegisterBlock? _health;

    public required ServoRegister TorqueEnable { get; init; }

    public required ServoRegister ModelNumber { get; init; }

    public required ServoRegister ReturnDelayTime { get; init; }

    public required ServoRegister OperatingMode { get; init; }

    /// <summary>The only Operating Mode accepted: goal positions are all this driver sends.</summary>
    public required byte PositionMode { get; init; }

    public required Func<long, string> ModeName { get; init; }

    public required ServoRegister MinPositionLimit { get; init; }

    public required ServoRegister MaxPositionLimit { get; init; }

    public required ServoRegister TemperatureLimit { get; init; }

    public required ServoRegister MinVoltageLimit { get; init; }

    public required ServoRegister MaxVoltageLimit { get; init; }

    public required double VoltageUnitVolts { get; init; }

    /// <summary>The register holding full output for <see cref="PresentLoad"/>, read at connect; null: <see cref="LoadFullScale"/>.</summary>
    public ServoRegister? LoadFullScaleRegister { get; init; }

    public long LoadFullScale { get; init; }

    public required ServoRegister PresentLoad { get; init; }

    public required ServoRegister PresentVoltage { get; init; }

    public required ServoRegister PresentTemperature { get; init; }

    /// <summary>Dynamixel Bus Watchdog (98); null where the protocol has none (Feetech, E21).</summary>
    public ServoRegister? BusWatchdog { get; init; }

    /// <summary>The model's name for a Model Number this driver speaks, or null.</summary>
    public required Func<ushort, string?> ModelName { get; init; }

    public required string SupportedModels { get; init; }

    /// <summary>Names a reply's status byte (Dynamixel error number, Feetech status bits) for error messages.</summary>
    public required Func<byte, string> DescribeStatus { get; init; }

    /// <summary>Everything checked at connect, in one read per servo (Dynamixel 0..55, Feetech 3..33).</summary>
    public RegisterBlock Identity => _identity ??= LoadFullScaleRegister is { } fullScale
        ? new(ModelNumber, ReturnDelayTime, OperatingMode, MinPositionLimit, MaxPositionLimit, TemperatureLimit, MinVoltageLimit, MaxVoltageLimit, fullScale)
        : new(ModelNumber, ReturnDelayTime, OperatingMode, MinPositionLimit, MaxPositionLimit, TemperatureLimit, MinVoltageLimit, MaxVoltageLimit);

    /// <summary>What is sampled for derating, one servo per tick (Dynamixel 98..146 with the watchdog, 49 bytes; Feetech 60..63).</summary>
    public RegisterBlock Health => _health ??= BusWatchdog is { } watchdog
        ? new(watchdog, PresentLoad, PresentVoltage, PresentTemperature)
        : new(PresentLoad, PresentVoltage, PresentTemperature);
}
