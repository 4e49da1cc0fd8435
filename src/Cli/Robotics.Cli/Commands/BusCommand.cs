using System.Globalization;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Serial;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics bus emulate</c>: serves emulated servos on a serial port (one end of a socat pty pair), so the real
/// termios driver, <c>robotics motors</c> and the supervisor run end to end without hardware.
/// </summary>
public static class BusCommand
{
    public const string Usage = "robotics bus emulate " + ServoBusConnection.Options + " [--ids 1,2,3,4,5,6] [--duration S]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var aliases = new Dictionary<string, string>(ServoBusConnection.Aliases) { ["--ids"] = "--ids", ["--duration"] = "--duration" };
        var parsed = new CliArguments(args, "bus", [], aliases);
        if (parsed.Positional(0, "a verb (emulate)", Usage) != "emulate")
        {
            throw new CliException($"bus: unknown verb '{parsed.Positionals[0]}'. Usage: {Usage}");
        }

        var protocol = ServoBusConnection.Protocol(parsed) == "dynamixel" ? EmulatedProtocol.Dynamixel2 : EmulatedProtocol.FeetechSts;
        var ids = (parsed.Get("--ids") ?? "1,2,3,4,5,6").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => byte.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id <= 252 ? id : throw new CliException($"--ids: '{t}' is not a servo id (0-252)"))
            .ToList();
        var servos = ids.Select(id => protocol == EmulatedProtocol.Dynamixel2 ? EmulatedServo.Dynamixel(id, DynamixelModel.XL330M288) : EmulatedServo.Sts3215(id));
        var emulator = new ServoBusEmulator(protocol, servos, TimeProvider.System);
        WarmUp(emulator, ids);
        using var port = TermiosSerialPort.Open(ServoBusConnection.Port(parsed), parsed.GetInt("--baud", 1_000_000));
        using var attachment = emulator.Attach(port);
        env.Out.WriteLine($"emulating {ids.Count} {protocol} servo(s) (ids {string.Join(",", ids)}) on {port.Name} at {port.BaudRate} baud; Ctrl-C stops");
        env.Out.Flush();
        var duration = parsed.GetDouble("--duration", 0);
        env.Stop.WaitHandle.WaitOne(duration > 0 ? TimeSpan.FromSeconds(duration) : Timeout.InfiniteTimeSpan);
        return 0;
    }

    /// <summary>
    /// Serves a ping and a sync read in memory first: the first request otherwise pays for JIT compilation (tens of
    /// ms), longer than a client waits for a reply, and a freshly started emulator would look absent.
    /// </summary>
    private static void WarmUp(ServoBusEmulator emulator, IReadOnlyList<byte> ids)
    {
        var (client, server) = Robotics.Drivers.Channels.InMemoryChannelPair.Create();
        using (client)
        using (server)
        using (emulator.Attach(server))
        {
            Robotics.Drivers.Servos.ServoBus bus = emulator.Protocol == EmulatedProtocol.Dynamixel2 ? new DynamixelBus(client) : new Robotics.Drivers.Feetech.FeetechBus(client);
            var idSpan = ids.ToArray();
            bus.Ping(idSpan[0]);
            bus.SyncReadPresentPositions(idSpan, new int[idSpan.Length], new Robotics.Drivers.Servos.ServoReply[idSpan.Length]);
        }
    }
}
