using System.Globalization;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Arm;

/// <summary>
/// SAFETY.md H32, "act on temperature, voltage and load before the device trips", and E21's expired bus watchdog. One
/// servo's health block is read per call, round robin, so the bus pays one small read per tick instead of one per
/// servo (a 6-servo arm at 100 Hz sees each servo every 60 ms; temperature moves over minutes). Thresholds sit inside
/// the servo's own limits read at connect: above a warn threshold → <see cref="Warning"/>; at a stop threshold →
/// <see cref="Fault"/>, which the supervisor latches as FAULT while the servo itself is still working. A stop clears
/// only once the value is back below the warn threshold (hysteresis, so a value at the threshold does not flap).
/// Allocation-free while nothing changes: warnings are composed at connect, a fault's text when it arises.
/// </summary>
internal sealed class ServoHealthMonitor
{
    private const int Temperature = 0;
    private const int Voltage = 1;
    private const int Load = 2;
    private const int Kinds = 3;

    private readonly ServoArmTable _table;
    private readonly ServoJoint[] _joints;
    private readonly ServoArmOptions _options;
    private readonly ServoDeviceLimits[] _limits;
    private readonly byte[] _block;
    private readonly HealthLevel[] _levels;
    private readonly string?[] _warnText;
    private readonly string?[] _stopText;
    private readonly long[] _loadHighSinceNs;
    private readonly bool[] _watchdogFired;
    private int _next;

    public ServoHealthMonitor(ServoArmTable table, ServoJoint[] joints, ServoArmOptions options, ServoDeviceLimits[] limits)
    {
        (_table, _joints, _options, _limits) = (table, joints, options, limits);
        _block = new byte[table.Health.Length];
        _levels = new HealthLevel[joints.Length * Kinds];
        _warnText = new string?[joints.Length * Kinds];
        _stopText = new string?[joints.Length * Kinds];
        _loadHighSinceNs = new long[joints.Length];
        _watchdogFired = new bool[joints.Length];
        for (var i = 0; i < joints.Length; i++)
        {
            if (limits[i].Known)
            {
                _warnText[(i * Kinds) + Temperature] = $"{Servo(i)}: temperature at or above {TemperatureWarn(i):0} °C ({options.TemperatureWarnMarginCelsius:0} °C below its {limits[i].TemperatureLimitCelsius:0} °C limit): let it rest";
                _warnText[(i * Kinds) + Voltage] = $"{Servo(i)}: supply within {options.VoltageWarnMargin:P0} of its {limits[i].MinVolts:0.0}-{limits[i].MaxVolts:0.0} V limits: check the power supply";
                _warnText[(i * Kinds) + Load] = $"{Servo(i)}: load at or above {options.LoadWarnFraction:P0} of full output: lighten the load or slow down";
            }
        }
    }

    private enum HealthLevel
    {
        Ok,
        Warn,
        Stop,
    }

    /// <summary>The first servo's stop-level problem or expired watchdog; null while none.</summary>
    public string? Fault { get; private set; }

    /// <summary>The first servo's warn-level problem; null while none.</summary>
    public string? Warning { get; private set; }

    /// <summary>Reads and judges the next servo. False when its read failed (the bus counts it; judged next round).</summary>
    public bool SampleNext(IServoBus bus, long nowNs)
    {
        var i = _next;
        _next = (i + 1) % _joints.Length;
        if (!_limits[i].Known)
        {
            return true; // not verified at connect: nothing to judge against
        }

        if (!bus.Read(_joints[i].Id, _table.Health.Address, _block).IsOk)
        {
            return false;
        }

        Judge(i, nowNs);
        return true;
    }

    /// <summary>Torque is off and every watchdog was written 0, which clears a fired one (e-manual, Bus Watchdog).</summary>
    public void ClearWatchdogs()
    {
        if (Array.IndexOf(_watchdogFired, true) >= 0)
        {
            Array.Clear(_watchdogFired);
            Summarize();
        }
    }

    private void Judge(int i, long nowNs)
    {
        var block = _table.Health;
        var changed = false;

        // E21: -1 means it fired: the servo stopped and refuses goals until the register is written 0.
        if (_table.BusWatchdog is { } watchdog && block.Value(_block, watchdog) < 0 && !_watchdogFired[i])
        {
            (_watchdogFired[i], changed) = (true, true);
        }

        var limits = _limits[i];
        double celsius = block.Value(_block, _table.PresentTemperature);
        changed |= Update(i, Temperature, celsius >= limits.TemperatureLimitCelsius - _options.TemperatureStopMarginCelsius, celsius >= TemperatureWarn(i), celsius, nowNs);

        var volts = block.Value(_block, _table.PresentVoltage) * _table.VoltageUnitVolts;
        changed |= Update(i, Voltage, NearLimit(volts, limits, _options.VoltageStopMargin), NearLimit(volts, limits, _options.VoltageWarnMargin), volts, nowNs);

        // Load: a peak only warns; the stop needs it held (persistent overload is what trips the servo).
        var load = Math.Abs(block.Value(_block, _table.PresentLoad)) / (double)limits.LoadFullScale;
        var high = load >= _options.LoadStopFraction;
        _loadHighSinceNs[i] = !high ? 0 : _loadHighSinceNs[i] != 0 ? _loadHighSinceNs[i] : Math.Max(nowNs, 1);
        var sustained = high && nowNs - _loadHighSinceNs[i] >= (long)_options.LoadStopAfter.TotalNanoseconds;
        changed |= Update(i, Load, sustained, load >= _options.LoadWarnFraction, load, nowNs);

        if (changed)
        {
            Summarize();
        }
    }

    private bool Update(int i, int kind, bool stop, bool warn, double value, long nowNs)
    {
        var slot = (i * Kinds) + kind;
        var old = _levels[slot];
        var level = stop ? HealthLevel.Stop : warn ? (old == HealthLevel.Stop ? HealthLevel.Stop : HealthLevel.Warn) : HealthLevel.Ok;
        if (level == old)
        {
            return false;
        }

        _levels[slot] = level;
        _stopText[slot] = level == HealthLevel.Stop ? StopText(i, kind, value, nowNs) : null;
        return true;
    }

    private string StopText(int i, int kind, double value, long nowNs)
    {
        var limits = _limits[i];
        var what = kind switch
        {
            Temperature => $"temperature {value:0} °C reached the stop threshold {limits.TemperatureLimitCelsius - _options.TemperatureStopMarginCelsius:0} °C ({_options.TemperatureStopMarginCelsius:0} °C below its own {limits.TemperatureLimitCelsius:0} °C shutdown): let it cool below {TemperatureWarn(i):0} °C, then RESET",
            Voltage => $"supply {value:0.00} V is within {_options.VoltageStopMargin:P0} of its {limits.MinVolts:0.0}-{limits.MaxVolts:0.0} V limits, where it shuts down: fix the power supply, then RESET",
            _ => $"load {value:P0} of full output for {(nowNs - _loadHighSinceNs[i]) / 1e9:0.0} s (stop at {_options.LoadStopFraction:P0} held {_options.LoadStopAfter.TotalSeconds:0.0} s, before its overload shutdown): free the joint, then RESET",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Servo(i)}: {what} (SAFETY.md H32)");
    }

    private void Summarize()
    {
        string? fault = null;
        string? warning = null;
        for (var i = 0; i < _joints.Length && fault is null; i++)
        {
            fault = _watchdogFired[i]
                ? $"{Servo(i)}: bus watchdog expired (no instruction packet for {_options.BusWatchdogUnits * 20} ms): the servo stopped and refuses goals; DISABLE (torque off clears it), then ARM again (SAFETY.md E21)"
                : null;
            for (var k = 0; k < Kinds && fault is null; k++)
            {
                fault = _stopText[(i * Kinds) + k];
            }
        }

        for (var slot = 0; slot < _levels.Length && warning is null; slot++)
        {
            warning = _levels[slot] == HealthLevel.Warn ? _warnText[slot] : null;
        }

        (Fault, Warning) = (fault, warning);
    }

    private double TemperatureWarn(int i) => _limits[i].TemperatureLimitCelsius - _options.TemperatureWarnMarginCelsius;

    private static bool NearLimit(double volts, ServoDeviceLimits limits, double margin) =>
        volts <= limits.MinVolts * (1 + margin) || volts >= limits.MaxVolts * (1 - margin);

    private string Servo(int i) => $"{_joints[i].Name} (servo {_joints[i].Id})";
}
