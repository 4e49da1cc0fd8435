using Robotics.Drivers.Dynamixel;

namespace Robotics.Drivers.Arm;

/// <summary>
/// What a <see cref="ServoArm"/> checks and arms beyond the bus itself (SAFETY.md E21, H32). Immutable; every value is
/// checked when set, so an invalid one never reaches an arm (CONVENTIONS 10). The expected Return Delay Time is not
/// here: it is the bus's own <see cref="Servos.ServoBusOptions.ReturnDelay"/>, which also times every reply.
/// </summary>
public sealed record ServoArmOptions
{
    private readonly TimeSpan _busWatchdog = TimeSpan.FromMilliseconds(100);
    private readonly double _temperatureWarnMargin = 10;
    private readonly double _temperatureStopMargin = 5;
    private readonly double _voltageWarnMargin = 0.10;
    private readonly double _voltageStopMargin = 0.03;
    private readonly double _loadWarnFraction = 0.7;
    private readonly double _loadStopFraction = 0.9;
    private readonly TimeSpan _loadStopAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Dynamixel Bus Watchdog (register 98), armed with torque (E21): a servo that hears no instruction packet for this
    /// long stops by itself, whatever the host does. Rounded up to the 20 ms unit, 20 ms .. 2.54 s. Default 100 ms:
    /// 10 periods at 100 Hz and 20 at the supervisor's default 200 Hz, so a tick or two lost to a busy host never fires
    /// it, while a hung or unplugged host stops the arm within about the MoveIt Servo stale-command time (0.1 s, E17).
    /// Feetech STS servos have no such register (E21): there the supervisor's own watchdogs are the only layer.
    /// </summary>
    public TimeSpan BusWatchdog
    {
        get => _busWatchdog;
        init => _busWatchdog = value >= DynamixelUnits.BusWatchdogUnit && value <= 127 * DynamixelUnits.BusWatchdogUnit
            ? value
            : throw new ArgumentOutOfRangeException(nameof(BusWatchdog), value, "the bus watchdog must be within 20 ms .. 2.54 s (register 98: 1..127 x 20 ms)");
    }

    /// <summary>The register value for <see cref="BusWatchdog"/>: whole 20 ms units, rounded up so it never fires earlier than asked.</summary>
    public byte BusWatchdogUnits => (byte)((_busWatchdog.Ticks + DynamixelUnits.BusWatchdogUnit.Ticks - 1) / DynamixelUnits.BusWatchdogUnit.Ticks);

    /// <summary>
    /// The Model Number every servo must report (H32), or null for any model whose control table this driver speaks
    /// (the known Dynamixel X models, the STS3215).
    /// </summary>
    public ushort? ModelNumber { get; init; }

    /// <summary>
    /// Warn this many °C below the servo's own Temperature Limit register (H32 "warn"). Default 10 °C: the XL330 and
    /// STS3215 limit of 70 °C warns at 60 °C.
    /// </summary>
    public double TemperatureWarnMarginCelsius
    {
        get => _temperatureWarnMargin;
        init => _temperatureWarnMargin = Positive(value, nameof(TemperatureWarnMarginCelsius));
    }

    /// <summary>
    /// Report a hardware fault this many °C below the Temperature Limit (H32 "stop before the device trips"); must be
    /// smaller than the warn margin. Default 5 °C: the servo's own overheat shutdown is then still 5 °C away.
    /// </summary>
    public double TemperatureStopMarginCelsius
    {
        get => _temperatureStopMargin;
        init => _temperatureStopMargin = Positive(value, nameof(TemperatureStopMarginCelsius));
    }

    /// <summary>
    /// Warn when the supply is within this fraction of the servo's Min or Max Voltage Limit (inside the range). Default
    /// 10 %: the XL330's 3.5 V minimum warns below 3.85 V, far from its 5 V supply.
    /// </summary>
    public double VoltageWarnMargin
    {
        get => _voltageWarnMargin;
        init => _voltageWarnMargin = Fraction(value, nameof(VoltageWarnMargin));
    }

    /// <summary>Report a hardware fault within this fraction of a voltage limit; smaller than the warn margin. Default 3 %.</summary>
    public double VoltageStopMargin
    {
        get => _voltageStopMargin;
        init => _voltageStopMargin = Fraction(value, nameof(VoltageStopMargin));
    }

    /// <summary>
    /// Warn at this fraction of full output (Dynamixel Present PWM / PWM Limit, Feetech Present Load / 100 %). Default 70 %.
    /// </summary>
    public double LoadWarnFraction
    {
        get => _loadWarnFraction;
        init => _loadWarnFraction = Fraction(value, nameof(LoadWarnFraction));
    }

    /// <summary>Report a hardware fault at this fraction of full output held for <see cref="LoadStopAfter"/>. Default 90 %.</summary>
    public double LoadStopFraction
    {
        get => _loadStopFraction;
        init => _loadStopFraction = Fraction(value, nameof(LoadStopFraction));
    }

    /// <summary>
    /// How long the load must stay at or above <see cref="LoadStopFraction"/>: short peaks while accelerating are
    /// normal, persistent load is what trips the servo's overload protection (X series: "persistent load that exceeds
    /// maximum output"; the e-manual gives no time, the emulator trips after 1 s at full output). Default 0.5 s.
    /// </summary>
    public TimeSpan LoadStopAfter
    {
        get => _loadStopAfter;
        init => _loadStopAfter = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LoadStopAfter), value, "load stop time must be positive");
    }

    /// <summary>Throws when a stop threshold is not beyond its warn threshold (a stop that comes before its warning).</summary>
    internal void CheckOrder()
    {
        if (TemperatureStopMarginCelsius >= TemperatureWarnMarginCelsius || VoltageStopMargin >= VoltageWarnMargin || LoadStopFraction <= LoadWarnFraction)
        {
            throw new ArgumentException("each stop threshold must lie beyond its warn threshold (temperature and voltage stop margins smaller than the warn margins, load stop fraction above the warn fraction)");
        }
    }

    private static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive");

    private static double Fraction(double value, string name) =>
        double.IsFinite(value) && value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be within (0, 1)");
}
