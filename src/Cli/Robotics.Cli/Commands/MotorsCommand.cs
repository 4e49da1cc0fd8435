using System.Globalization;
using System.Text.Json;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics motors scan|status|setup-id|setup-ids|calibrate</c>: what lerobot-find-port, lerobot-setup-motors and
/// lerobot-calibrate do, over our own protocol stack. Nothing here moves a motor: torque stays as it is, except
/// setup-id(s) and calibrate, which need torque off and leave it off.
/// </summary>
public static class MotorsCommand
{
    public const string Usage = "robotics motors scan|status|setup-id|setup-ids|calibrate " + ServoBusConnection.Options
        + " [--ids 1,2,3] [--from ID --to ID] [--json]"
        + " | setup-ids --ids 1,2,3,4,5,6 [--joints a,b,...] [--factory-id 1] [--factory-baud 57600 (dynamixel) / 1000000 (feetech)] [--yes]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var aliases = new Dictionary<string, string>(ServoBusConnection.Aliases)
        {
            ["--ids"] = "--ids", ["--from"] = "--from", ["--to"] = "--to", ["--joints"] = "--joints", ["--factory-id"] = "--factory-id", ["--factory-baud"] = "--factory-baud",
        };
        var parsed = new CliArguments(args, "motors", ["--json", "--yes"], aliases);
        var verb = parsed.Positional(0, "a verb (scan, status, setup-id, setup-ids, calibrate)", Usage);
        if (verb == "setup-ids")
        {
            return ArmIdSetup.Run(parsed, env, Ids(parsed)); // opens the port itself, at the factory baud first
        }

        var (bus, port) = ServoBusConnection.Open(parsed);
        using (port)
        {
            return verb switch
            {
                "scan" => Scan(bus, parsed, env),
                "status" => Status(bus, Ids(parsed), parsed, env),
                "setup-id" => SetupId(bus, parsed, env),
                "calibrate" => Calibrate(bus, Ids(parsed), env),
                _ => throw new CliException($"motors: unknown verb '{verb}'. Usage: {Usage}"),
            };
        }
    }

    private static int Scan(ServoBus bus, CliArguments args, CliEnvironment env)
    {
        env.Error.WriteLine($"scanning ids 0-252 with {bus.ProtocolName} at {bus.Channel.BaudRate} baud on {bus.Channel.Name} ...");
        var found = bus.Scan();
        if (args.Has("--json"))
        {
            env.Out.WriteLine(JsonSerializer.Serialize(found.Select(f => new { id = f.Id, model = f.ModelNumber, firmware = $"{f.FirmwareMajor}.{f.FirmwareMinor}" })));
            return found.Count > 0 ? 0 : 1;
        }

        foreach (var f in found)
        {
            env.Out.WriteLine($"id {f.Id,3}  model {f.ModelNumber,5} ({Model(bus, f.ModelNumber)})  firmware {f.FirmwareMajor}.{f.FirmwareMinor}");
        }

        env.Out.WriteLine(found.Count == 0 ? "no servos answered: check power, wiring, --protocol and --baud" : $"{found.Count} servo(s) found");
        return found.Count > 0 ? 0 : 1;
    }

    private static int Status(ServoBus bus, byte[] ids, CliArguments args, CliEnvironment env)
    {
        var table = Registers(bus);
        var rows = new List<Dictionary<string, object>>();
        foreach (var id in ids)
        {
            var row = new Dictionary<string, object> { ["id"] = id };
            foreach (var (name, register) in table)
            {
                var reply = bus.ReadRegister(id, register, out var value);
                row[name] = reply.IsOk ? value : reply.Error.ToString();
                if (reply.HardwareAlert)
                {
                    row["alert"] = bus is DynamixelBus d && d.ReadHardwareErrorStatus(id, out var e).IsOk ? e.ToString() : ((FeetechHardwareStatus)reply.DeviceStatus).ToString();
                }
            }

            rows.Add(row);
        }

        env.Out.WriteLine(args.Has("--json") ? JsonSerializer.Serialize(rows) : string.Join('\n', rows.Select(r => string.Join("  ", r.Select(p => $"{p.Key}={Convert.ToString(p.Value, CultureInfo.InvariantCulture)}")))));
        return rows.Any(r => r.ContainsKey("alert")) ? 1 : 0;
    }

    /// <summary>Gives the single servo on the bus answering --from the id --to (LeRobot's setup-motors, one motor at a time).</summary>
    private static int SetupId(ServoBus bus, CliArguments args, CliEnvironment env)
    {
        var from = Id(args.Get("--from") ?? "1", "--from");
        var to = Id(args.Get("--to") ?? throw new CliException("setup-id needs --to ID (and --from ID, default 1)"), "--to");
        if (!bus.Ping(from).IsOk)
        {
            throw new CliException($"no servo answers at id {from}: connect only the motor to set up, and check --protocol/--baud");
        }

        if (from != to && bus.Ping(to).IsOk)
        {
            throw new CliException($"id {to} is already taken on this bus: disconnect that motor first");
        }

        var (torque, idRegister) = bus is DynamixelBus ? (XSeriesControlTable.TorqueEnable, XSeriesControlTable.Id) : (StsControlTable.TorqueEnable, StsControlTable.Id);
        bus.WriteRegister(from, torque, 0).ThrowIfFailed(); // EEPROM writes need torque off
        if (bus is FeetechBus)
        {
            bus.WriteRegister(from, StsControlTable.Lock, 0).ThrowIfFailed(); // unlock EEPROM, relocked below
        }

        bus.WriteRegister(from, idRegister, to);
        if (bus is FeetechBus)
        {
            bus.WriteRegister(to, StsControlTable.Lock, 1);
        }

        var ok = bus.Ping(to).IsOk;
        env.Out.WriteLine(ok ? $"servo id {from} → {to}" : $"the servo did not answer at id {to} after the write");
        return ok ? 0 : 1;
    }

    /// <summary>
    /// Records each servo's present position as its zero (the arm held in its middle pose), and its position limit
    /// registers, as YAML for the supervisor's parameters (the limits are verified against the servos at connect, H32).
    /// </summary>
    private static int Calibrate(ServoBus bus, byte[] ids, CliEnvironment env)
    {
        var ticks = new int[ids.Length];
        var replies = new ServoReply[ids.Length];
        if (bus.SyncReadPresentPositions(ids, ticks, replies) != ids.Length)
        {
            throw new CliException("calibrate: " + string.Join(", ", replies.Where(r => !r.IsOk).Select(r => $"servo {r.Id}: {r.Error}")));
        }

        var (min, max) = bus is DynamixelBus ? (XSeriesControlTable.MinPositionLimit, XSeriesControlTable.MaxPositionLimit) : (StsControlTable.MinPositionLimit, StsControlTable.MaxPositionLimit);
        long Limit(byte id, ServoRegister register)
        {
            bus.ReadRegister(id, register, out var value).ThrowIfFailed();
            return value;
        }

        env.Out.WriteLine("# Present positions as zero: hold the arm in its middle pose (LeRobot calibration) when running this.");
        env.Out.WriteLine("servo_ids: [" + string.Join(", ", ids) + "]");
        env.Out.WriteLine("zero_ticks: [" + string.Join(", ", ticks) + "]");
        env.Out.WriteLine("min_ticks: [" + string.Join(", ", ids.Select(id => Limit(id, min))) + "]");
        env.Out.WriteLine("max_ticks: [" + string.Join(", ", ids.Select(id => Limit(id, max))) + "]");
        return 0;
    }

    private static (string Name, ServoRegister Register)[] Registers(ServoBus bus) => bus is DynamixelBus
        ? [("torque", XSeriesControlTable.TorqueEnable), ("position", XSeriesControlTable.PresentPosition), ("voltage_dV", XSeriesControlTable.PresentInputVoltage), ("temperature_C", XSeriesControlTable.PresentTemperature), ("hw_error", XSeriesControlTable.HardwareErrorStatus)]
        : [("torque", StsControlTable.TorqueEnable), ("position", StsControlTable.PresentPosition), ("voltage_dV", StsControlTable.PresentVoltage), ("temperature_C", StsControlTable.PresentTemperature), ("load", StsControlTable.PresentLoad)];

    private static string Model(ServoBus bus, ushort number) =>
        bus is DynamixelBus ? DynamixelModel.Find(number)?.Name ?? "unknown Dynamixel" : number == 777 ? "STS3215" : "Feetech";

    private static byte[] Ids(CliArguments args)
    {
        var text = args.Get("--ids") ?? throw new CliException("missing --ids, e.g. --ids 1,2,3,4,5,6 (see `robotics motors scan`)");
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => Id(t, "--ids"))];
    }

    internal static byte Id(string text, string option) =>
        byte.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id <= 252
            ? id
            : throw new CliException($"{option}: '{text}' is not a servo id (0-252)");
}
