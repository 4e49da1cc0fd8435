using System.Runtime.CompilerServices;
using Robotics.Middleware;
using Robotics.Middleware.Execution;

namespace Robotics.Cli;

/// <summary>The hidden node through which CLI commands take part in the graph, with its executor.</summary>
// Lives as long as its context (a ConditionalWeakTable entry); the executor holds no native resources beyond an event.
#pragma warning disable CA1001
internal sealed class CliNode
#pragma warning restore CA1001
{
    private static readonly ConditionalWeakTable<RosContext, CliNode> _nodes = [];
    private readonly SingleThreadedExecutor _executor = new();

    private CliNode(RosContext context)
    {
        // Like ros2cli's hidden daemon-less node: a leading '_' hides it from `node list`.
        Node = context.CreateNode($"_robotics_cli_{Environment.ProcessId}", new NodeOptions { EnableRosout = false, StartParameterServices = false });
        _executor.Add(Node);
    }

    public Node Node { get; }

    public static CliNode Get(CliEnvironment env) => _nodes.GetValue(env.Context, c => new CliNode(c));

    public void SpinUntil(Func<bool> done, CancellationToken stop)
    {
        while (!done() && !stop.IsCancellationRequested)
        {
            _executor.SpinOnce(TimeSpan.FromMilliseconds(50));
        }
    }

    public void SpinFor(TimeSpan duration, CancellationToken stop)
    {
        var end = Environment.TickCount64 + (long)duration.TotalMilliseconds;
        SpinUntil(() => Environment.TickCount64 >= end, stop);
    }
}
