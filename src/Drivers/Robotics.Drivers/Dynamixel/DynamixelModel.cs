namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// What differs between X-series models: the model number a ping reports, the current unit, and the factory values
/// of the limit registers (the emulator starts from them; connect-time checks compare against them, SAFETY 32).
/// Values from each model's e-manual control table.
/// </summary>
public sealed record DynamixelModel
{
    /// <summary>XL330-M288-T (LeRobot Koch/SO arms): 5 V, current unit 1 mA.</summary>
    public static readonly DynamixelModel XL330M288 = new()
    {
        Name = "XL330-M288",
        ModelNumber = 1200,
        CurrentUnitMilliamps = 1.0,
        TemperatureLimitCelsius = 70,
        MaxVoltageLimit = 70,
        MinVoltageLimit = 35,
        CurrentLimit = 1750,
        VelocityLimit = 445,
        Shutdown = 53,
        NominalVolts = 5.0,
    };

    /// <summary>XM430-W210 (the model of the e-manual's Protocol 2.0 examples): 12 V, current unit 2.69 mA.</summary>
    public static readonly DynamixelModel XM430W210 = new()
    {
        Name = "XM430-W210",
        ModelNumber = 1030,
        CurrentUnitMilliamps = 2.69,
        TemperatureLimitCelsius = 80,
        MaxVoltageLimit = 160,
        MinVoltageLimit = 95,
        CurrentLimit = 1193,
        VelocityLimit = 330,
        Shutdown = 52,
        NominalVolts = 12.0,
    };

    public required string Name { get; init; }

    /// <summary>Model Number (register 0), also the first two ping reply bytes.</summary>
    public required ushort ModelNumber { get; init; }

    /// <summary>mA per unit of Goal/Present Current and Current Limit.</summary>
    public required double CurrentUnitMilliamps { get; init; }

    /// <summary>Temperature Limit (31) factory value, °C.</summary>
    public required byte TemperatureLimitCelsius { get; init; }

    /// <summary>Max Voltage Limit (32) factory value, 0.1 V units.</summary>
    public required ushort MaxVoltageLimit { get; init; }

    /// <summary>Min Voltage Limit (34) factory value, 0.1 V units.</summary>
    public required ushort MinVoltageLimit { get; init; }

    /// <summary>Current Limit (38) factory value, in <see cref="CurrentUnitMilliamps"/>.</summary>
    public required ushort CurrentLimit { get; init; }

    /// <summary>Velocity Limit (44) factory value, 0.229 rpm units.</summary>
    public required uint VelocityLimit { get; init; }

    /// <summary>Shutdown (63) factory value: the <see cref="DynamixelHardwareError"/> bits that switch torque off.</summary>
    public required byte Shutdown { get; init; }

    /// <summary>Recommended supply voltage.</summary>
    public required double NominalVolts { get; init; }

    /// <summary>The known models, for lookups by model number.</summary>
    public static IReadOnlyList<DynamixelModel> Known { get; } = [XL330M288, XM430W210];

    /// <summary>The known model with <paramref name="modelNumber"/>, or null.</summary>
    public static DynamixelModel? Find(ushort modelNumber)
    {
        foreach (var model in Known)
        {
            if (model.ModelNumber == modelNumber)
            {
                return model;
            }
        }

        return null;
    }
}
