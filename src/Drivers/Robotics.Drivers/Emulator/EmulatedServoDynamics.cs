namespace Robotics.Drivers.Emulator;

/// <summary>
/// The emulator's physical model of one servo. These are modelling choices, not datasheet values: they make the
/// emulated servo move, load, heat and trip like a real one qualitatively, deterministically for a given time step.
/// Every property is checked when set.
/// </summary>
public sealed record EmulatedServoDynamics
{
    private readonly TimeSpan _timeConstant = TimeSpan.FromMilliseconds(50);
    private readonly double _fullEffortErrorTicks = 100;
    private readonly double _frictionEffort = 0.1;
    private readonly TimeSpan _overloadTripTime = TimeSpan.FromSeconds(1);
    private readonly double _ambientCelsius = 25;
    private readonly double _fullEffortTemperatureRise = 60;
    private readonly TimeSpan _thermalTimeConstant = TimeSpan.FromSeconds(120);
    private readonly double _maxSpeedTicksPerSecond = 3000;
    private readonly double _stallCurrentMilliamps = 2000;

    /// <summary>First-order time constant of position toward the goal (50 ms: a servo settles in about 0.2 s).</summary>
    public TimeSpan TimeConstant { get => _timeConstant; init => _timeConstant = Positive(value, nameof(TimeConstant)); }

    /// <summary>Position error at which a blocked servo pushes with full effort (100 ticks = 8.8°).</summary>
    public double FullEffortErrorTicks { get => _fullEffortErrorTicks; init => _fullEffortErrorTicks = Positive(value, nameof(FullEffortErrorTicks)); }

    /// <summary>Effort (fraction of maximum) spent on friction when moving at the speed limit.</summary>
    public double FrictionEffort { get => _frictionEffort; init => _frictionEffort = Fraction(value, nameof(FrictionEffort)); }

    /// <summary>Full effort held this long trips the overload protection (the e-manual gives no figure; 1 s here).</summary>
    public TimeSpan OverloadTripTime { get => _overloadTripTime; init => _overloadTripTime = Positive(value, nameof(OverloadTripTime)); }

    /// <summary>Temperature of an idle servo.</summary>
    public double AmbientCelsius { get => _ambientCelsius; init => _ambientCelsius = Finite(value, nameof(AmbientCelsius)); }

    /// <summary>Steady-state rise above ambient at full effort (scales with effort squared, like I²R heating).</summary>
    public double FullEffortTemperatureRise { get => _fullEffortTemperatureRise; init => _fullEffortTemperatureRise = NonNegative(value, nameof(FullEffortTemperatureRise)); }

    /// <summary>First-order thermal time constant of the motor.</summary>
    public TimeSpan ThermalTimeConstant { get => _thermalTimeConstant; init => _thermalTimeConstant = Positive(value, nameof(ThermalTimeConstant)); }

    /// <summary>Speed when the registers set no limit (Feetech Goal Speed 0, Dynamixel velocity limits 0).</summary>
    public double MaxSpeedTicksPerSecond { get => _maxSpeedTicksPerSecond; init => _maxSpeedTicksPerSecond = Positive(value, nameof(MaxSpeedTicksPerSecond)); }

    /// <summary>Current at full effort for models whose registers give none (Feetech).</summary>
    public double StallCurrentMilliamps { get => _stallCurrentMilliamps; init => _stallCurrentMilliamps = Positive(value, nameof(StallCurrentMilliamps)); }

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");

    private static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and positive");

    private static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and not negative");

    private static double Fraction(double value, string name) =>
        double.IsFinite(value) && value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be within 0 .. 1");

    private static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite");
}
