namespace Robotics.Drivers.Feetech;

/// <summary>
/// Raw units of the STS series and SI conversions: position 4096 steps per revolution; speed in steps/s (the SMS/STS
/// manual's 50 steps/s = 0.732 rpm is the same unit); current 6.5 mA per unit; voltage 0.1 V; load 0.1 % of maximum
/// torque; temperature 1 °C; return delay 2 µs. Conversions to raw values round to the nearest unit and reject
/// non-finite or unrepresentable inputs, naming the argument.
/// </summary>
public static class FeetechUnits
{
    public const int TicksPerRevolution = 4096;

    public const double CurrentUnitMilliamps = 6.5;

    public const double VoltageUnitVolts = 0.1;

    public const double LoadUnitPercent = 0.1;

    public static readonly TimeSpan ReturnDelayUnit = TimeSpan.FromMicroseconds(2);

    private const double RadiansPerTick = 2 * Math.PI / TicksPerRevolution;

    public static double TicksToRadians(long ticks) => ticks * RadiansPerTick;

    public static int RadiansToTicks(double radians) => Servos.RawUnits.ToRaw(radians / RadiansPerTick, nameof(radians), int.MinValue, int.MaxValue);

    /// <summary>Speed registers are steps/s, so the same scale as positions.</summary>
    public static double SpeedToRadiansPerSecond(long raw) => raw * RadiansPerTick;

    /// <summary>Goal Speed value for a speed (magnitude at most 32,767 steps/s, the 15-bit field).</summary>
    public static int RadiansPerSecondToSpeed(double radiansPerSecond) => Servos.RawUnits.ToRaw(radiansPerSecond / RadiansPerTick, nameof(radiansPerSecond), -32_767, 32_767);

    public static double CurrentToMilliamps(long raw) => raw * CurrentUnitMilliamps;

    public static double VoltageToVolts(long raw) => raw * VoltageUnitVolts;

    public static int VoltsToVoltage(double volts) => Servos.RawUnits.ToRaw(volts / VoltageUnitVolts, nameof(volts), 0, byte.MaxValue);

    public static double LoadToPercent(long raw) => raw * LoadUnitPercent;

    public static double TemperatureToCelsius(long raw) => raw;

    public static TimeSpan ReturnDelayToTime(byte raw) => raw * ReturnDelayUnit;

    public static byte TimeToReturnDelay(TimeSpan delay) => (byte)Servos.RawUnits.ToRaw(delay / ReturnDelayUnit, nameof(delay), 0, 254);
}
