using System.Text.Json;
using Robotics.Middleware.Graph;

namespace Robotics.Cli.Commands;

/// <summary><c>robotics node list|info NODE</c>, like <c>ros2 node</c>.</summary>
public static class NodeCommand
{
    public const string Usage = "robotics node list [--json] | robotics node info NODE [--json]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var parsed = new CliArguments(args, "node", ["--json", "-a", "--all"], new Dictionary<string, string>());
        var graph = env.Context.Transport.Graph;
        switch (parsed.Positional(0, "a verb (list or info)", Usage))
        {
            case "list":
                // Names starting with '_' are hidden, as in ros2cli, unless --all.
                var names = graph.Nodes.Where(n => parsed.Has("--all") || parsed.Has("-a") || !n.Name.StartsWith('_'))
                    .Select(n => n.FullyQualifiedName).Order(StringComparer.Ordinal).ToList();
                env.Out.WriteLine(parsed.Has("--json") ? JsonSerializer.Serialize(names) : string.Join('\n', names));
                return 0;
            case "info":
                var fqn = parsed.Positional(1, "a node name such as /talker", Usage);
                var node = graph.Nodes.FirstOrDefault(n => n.FullyQualifiedName == fqn)
                    ?? throw new CliException($"node '{fqn}' not found. Running nodes: {string.Join(", ", graph.Nodes.Select(n => n.FullyQualifiedName))}");
                var mine = graph.Endpoints.Where(e => e.NodeName == node.Name && e.NodeNamespace == node.Namespace).ToList();
                var services = graph.Services.Where(s => s.NodeName == node.Name && s.NodeNamespace == node.Namespace && s.IsServer).ToList();
                if (parsed.Has("--json"))
                {
                    env.Out.WriteLine(JsonSerializer.Serialize(new
                    {
                        name = fqn,
                        subscribers = mine.Where(e => e.Kind == EndpointKind.Subscription).Select(e => new { topic = e.Topic, type = e.TypeName }),
                        publishers = mine.Where(e => e.Kind == EndpointKind.Publisher).Select(e => new { topic = e.Topic, type = e.TypeName }),
                        services = services.Select(s => new { service = s.Service, type = s.TypeName }),
                    }));
                    return 0;
                }

                env.Out.WriteLine(fqn);
                env.Out.WriteLine("  Subscribers:");
                foreach (var e in mine.Where(e => e.Kind == EndpointKind.Subscription))
                {
                    env.Out.WriteLine($"    {e.Topic}: {e.TypeName}");
                }

                env.Out.WriteLine("  Publishers:");
                foreach (var e in mine.Where(e => e.Kind == EndpointKind.Publisher))
                {
                    env.Out.WriteLine($"    {e.Topic}: {e.TypeName}");
                }

                env.Out.WriteLine("  Service Servers:");
                foreach (var s in services)
                {
                    env.Out.WriteLine($"    {s.Service}: {s.TypeName}");
                }

                return 0;
            default:
                throw new CliException($"node: unknown verb '{parsed.Positionals[0]}'. Usage: {Usage}");
        }
    }
}
