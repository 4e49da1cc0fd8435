namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Raw register units of the X series and SI conversions (e-manual control tables): position 4096 pulses per
/// revolution (0.088°), velocity 0.229 rev/min, current per model (1 mA XL330, 2.69 mA XM430), input voltage 0.1 V,
/// temperature 1 °C, return delay 2 µs, bus watchdog 20 ms, PWM 885 = 100 % (0.113 %). Conversions to raw values
/// round to the nearest unit and reject non-finite or unrepresentable inputs naming the argument.
/// </summary>
public static class DynamixelUnits
{
    public const int TicksPerRevolution = 4096;

    /// <summary>rev/min per Goal/Present Velocity unit.</summary>
    public const double VelocityUnitRpm = 0.229;

    public const double VoltageUnitVolts = 0.1;

    /// <summary>Return Delay Time unit.</summary>
    public static readonly TimeSpan ReturnDelayUnit = TimeSpan.FromMicroseconds(2);

    /// <summary>Bus Watchdog unit.</summary>
    public static readonly TimeSpan BusWatchdogUnit = TimeSpan.FromMilliseconds(20);

    /// <summary>Goal PWM value for 100 % duty (PWM Limit factory value).</summary>
    public const int PwmFullScale = 885;

    private const double RadiansPerTick = 2 * Math.PI / TicksPerRevolution;
    private const double RadiansPerSecondPerVelocityUnit = VelocityUnitRpm * 2 * Math.PI / 60;

    public static double TicksToRadians(long ticks) => ticks * RadiansPerTick;

    public static int RadiansToTicks(double radians) => Servos.RawUnits.ToRaw(radians / RadiansPerTick, nameof(radians), int.MinValue, int.MaxValue);

    public static double VelocityToRadiansPerSecond(long raw) => raw * RadiansPerSecondPerVelocityUnit;

    public static int RadiansPerSecondToVelocity(double radiansPerSecond) =>
        Servos.RawUnits.ToRaw(radiansPerSecond / RadiansPerSecondPerVelocityUnit, nameof(radiansPerSecond), int.MinValue, int.MaxValue);

    public static double CurrentToMilliamps(long raw, DynamixelModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return raw * model.CurrentUnitMilliamps;
    }

    public static int MilliampsToCurrent(double milliamps, DynamixelModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Servos.RawUnits.ToRaw(milliamps / model.CurrentUnitMilliamps, nameof(milliamps), short.MinValue, short.MaxValue);
    }

    public static double VoltageToVolts(long raw) => raw * VoltageUnitVolts;

    public static int VoltsToVoltage(double volts) => Servos.RawUnits.ToRaw(volts / VoltageUnitVolts, nameof(volts), 0, ushort.MaxValue);

    /// <summary>Present Temperature is already whole °C.</summary>
    public static double TemperatureToCelsius(long raw) => raw;

    public static double PwmToPercent(long raw) => raw * 100.0 / PwmFullScale;

    public static TimeSpan ReturnDelayToTime(byte raw) => raw * ReturnDelayUnit;

    /// <summary>Return Delay Time register value (0..254) for a delay of 0..508 µs.</summary>
    public static byte TimeToReturnDelay(TimeSpan delay) => (byte)Servos.RawUnits.ToRaw(delay / ReturnDelayUnit, nameof(delay), 0, 254);

    /// <summary>The watchdog period for a register value; 0 (disarmed) and -1 (fired) give zero.</summary>
    public static TimeSpan BusWatchdogToTime(sbyte raw) => raw > 0 ? raw * BusWatchdogUnit : TimeSpan.Zero;

    /// <summary>Bus Watchdog register value 1..127 for a period of 20 ms .. 2.54 s (0 disarms; write it directly).</summary>
    public static byte TimeToBusWatchdog(TimeSpan period) => (byte)Servos.RawUnits.ToRaw(period / BusWatchdogUnit, nameof(period), 1, 127);
}
