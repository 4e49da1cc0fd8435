using System.Globalization;
using Robotics.Launch;
using Robotics.Middleware.Execution;
using Robotics.Nodes;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics run [PKG] EXEC [--duration S] [--ros-args ...]</c>: one node as its own process, accepting the
/// standard ROS arguments so a real <c>ros2 launch</c> file can start it as a Node/ExecuteProcess action.
/// </summary>
public static class RunCommand
{
    public const string Usage = "robotics run [robotics] EXECUTABLE [--duration SECONDS] [--ros-args -p name:=value -r from:=to --params-file FILE --log-level LEVEL]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var arguments = RosArguments.Parse(args);
        var plain = arguments.NonRosArguments.ToList();
        var duration = TakeDuration(plain);
        if (plain.Count == 0)
        {
            throw new CliException($"missing executable. Available: {string.Join(", ", NodeCatalog.Executables.Select(e => e.Name))}. Usage: {Usage}");
        }

        var (package, executable) = plain.Count > 1 && plain[0] == NodeCatalog.Package ? (plain[0], plain[1]) : (NodeCatalog.Package, plain[0]);
        using var node = NodeHost.Start(env.Context, package, executable, arguments);
        using var executor = new SingleThreadedExecutor();
        executor.Add(node);
        executor.CallbackFailed += (entity, e) => node.Logger.Error($"{entity.Description} failed: {e.Message}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(env.Stop);
        if (duration is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        executor.Spin(stop.Token);
        return 0;
    }

    /// <summary>Removes <c>--duration S</c> from the program arguments (a test and demo convenience; ros2 run has none).</summary>
    internal static double? TakeDuration(List<string> args)
    {
        var at = args.IndexOf("--duration");
        if (at < 0)
        {
            return null;
        }

        if (at + 1 >= args.Count || !double.TryParse(args[at + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            throw new CliException("--duration needs a positive number of seconds");
        }

        args.RemoveRange(at, 2);
        return seconds;
    }
}
