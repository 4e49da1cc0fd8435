using Robotics.Launch;
using Robotics.Middleware;
using Robotics.Middleware.Logging;
using Robotics.Middleware.Names;
using Robotics.Nodes;

namespace Robotics.Cli;

/// <summary>Turns a launch plan entry or a <c>--ros-args</c> command line into a running node of the catalog.</summary>
internal static class NodeHost
{
    public static Node Start(RosContext context, NodeLaunch launch)
    {
        var options = new NodeOptions
        {
            Namespace = launch.Namespace,
            // Later parameters win, as in launch_ros (a params file, then a <param> naming the same parameter).
            ParameterOverrides = launch.Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (object?)g.Last().Value, StringComparer.Ordinal),
            Remappings = [.. launch.Remaps.Select(ToRule)],
        };
        return NodeCatalog.Create(launch.Package ?? NodeCatalog.Package, launch.Executable, context, options, launch.Name);
    }

    public static Node Start(RosContext context, string package, string executable, RosArguments arguments)
    {
        var name = arguments.NodeName ?? executable;
        var ns = RosNames.NormalizeNamespace(arguments.Namespace);
        var level = arguments.LogLevels.LastOrDefault(l => l.LoggerName is null || l.LoggerName == name);
        var options = new NodeOptions
        {
            Namespace = ns,
            ParameterOverrides = arguments.ParametersFor(RosNames.Join(ns, name)).ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal),
            Remappings = [.. arguments.Remaps.Where(r => !r.IsNodeNameRule && !r.IsNamespaceRule).Select(ToRule)],
            LogLevel = level is null ? null : ConsoleLogSink.Parse(level.Level),
        };
        return NodeCatalog.Create(package, executable, context, options, name);
    }

    private static RemapRule ToRule(Remap remap) => new(remap.From, remap.To, remap.NodeName);
}
