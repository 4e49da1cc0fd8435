using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Serial;
using Robotics.Drivers.Servos;

namespace Robotics.Cli;

/// <summary>Opens a servo bus on a serial port from the CLI's <c>--port</c>, <c>--protocol</c> and <c>--baud</c>.</summary>
internal static class ServoBusConnection
{
    public const string Options = "--port PATH --protocol dynamixel|feetech [--baud 1000000] [--latency-ms 10]";

    public static readonly Dictionary<string, string> Aliases = new() { ["--port"] = "--port", ["--protocol"] = "--protocol", ["--baud"] = "--baud", ["--latency-ms"] = "--latency-ms" };

    public static string Protocol(CliArguments args) => args.Get("--protocol") switch
    {
        "dynamixel" or "feetech" => args.Get("--protocol")!,
        null => throw new CliException($"missing --protocol dynamixel|feetech ({Options})"),
        var other => throw new CliException($"--protocol: '{other}' is not dynamixel or feetech"),
    };

    public static string Port(CliArguments args) =>
        args.Get("--port") ?? throw new CliException($"missing --port (one of: {string.Join(", ", SerialPortCatalog.List().Select(p => p.PreferredPath).DefaultIfEmpty("no serial ports found"))})");

    public static (ServoBus Bus, TermiosSerialPort Port) Open(CliArguments args) => Open(args, args.GetInt("--baud", 1_000_000));

    /// <summary>As <see cref="Open(CliArguments)"/> at <paramref name="baud"/> (setup-ids talks at the factory rate first).</summary>
    public static (ServoBus Bus, TermiosSerialPort Port) Open(CliArguments args, int baud)
    {
        var protocol = Protocol(args);
        var port = TermiosSerialPort.Open(Port(args), baud);

        // Setup tools are not the control loop: allow 10 ms of host and adapter latency per reply instead of the loop's
        // 2 ms, so a busy machine, an FTDI adapter's 16 ms default latency timer or a freshly started emulator (JIT)
        // do not turn a present servo into "absent".
        var options = new ServoBusOptions { HostLatency = TimeSpan.FromMilliseconds(args.GetDouble("--latency-ms", 10)) };
        try
        {
            return (protocol == "dynamixel" ? new DynamixelBus(port, options) : new FeetechBus(port, options), port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }
}
