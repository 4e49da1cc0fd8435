using Robotics.Middleware.Dds;
using Robotics.Middleware.Transport;
using Robotics.Middleware.Transport.Composite;
using Robotics.Middleware.Transport.InProcess;

namespace Robotics.Cli;

/// <summary>
/// Which transport a command's nodes use: <c>--transport</c> anywhere on the command line, else
/// <c>ROBOTICS_TRANSPORT</c>, else the command's default — the in-process bus for demo/launch/run (one process),
/// DDS for the graph tools (topic, node, param, service, action), which exist to look at other processes, as the ros2 CLI does.
/// </summary>
internal static class TransportChoice
{
    public const string Names = "inprocess, dds, hybrid (in-process between co-located nodes + DDS to other processes)";

    public static (string Kind, List<string> Arguments) Take(IReadOnlyList<string> args, string command)
    {
        var rest = args.ToList();
        var kind = Environment.GetEnvironmentVariable("ROBOTICS_TRANSPORT");
        var at = rest.IndexOf("--transport");
        if (at >= 0)
        {
            if (at + 1 >= rest.Count)
            {
                throw new CliException($"--transport needs a value: {Names}");
            }

            kind = rest[at + 1];
            rest.RemoveRange(at, 2);
        }

        kind = string.IsNullOrWhiteSpace(kind) ? (command is "topic" or "node" or "param" or "service" or "action" ? "dds" : "inprocess") : kind.Trim().ToLowerInvariant();
        return (kind, rest);
    }

    public static ITransport? Create(string kind) => kind switch
    {
        "inprocess" => null,
        "dds" => new DdsTransport(),
        "hybrid" => new CompositeTransport(new InProcessTransport(), new DdsTransport(new DdsOptions { IgnoreLocalParticipant = true })),
        _ => throw new CliException($"unknown transport '{kind}': use {Names}"),
    };
}
