using System.Text.Json;
using Robotics.Messages;
using Robotics.Middleware.Names;

namespace Robotics.Cli.Commands;

/// <summary><c>robotics service list|type|find|call</c> with the arguments of <c>ros2 service</c>.</summary>
public static class ServiceCommand
{
    public const string Usage = "robotics service list [-t] [--include-hidden-services] [--json] | type SERVICE | find TYPE | call SERVICE TYPE [VALUES] [--timeout S]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var parsed = new CliArguments(args, "service", ["-t", "--show-types", "--include-hidden-services", "--json"], new Dictionary<string, string> { ["--timeout"] = "--timeout" });
        var servers = env.Context.Transport.Graph.Services.Where(s => s.IsServer).ToList();
        switch (parsed.Positional(0, "a verb (list, type, find, call)", Usage))
        {
            case "list":
                // Hidden services (e.g. an action's …/_action/send_goal) only with --include-hidden-services, as in ros2cli.
                var listed = servers.Where(s => parsed.Has("--include-hidden-services") || !RosNames.IsHidden(s.Service))
                    .GroupBy(s => s.Service).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (Name: g.Key, Types: g.Select(s => s.TypeName).Distinct().ToList())).ToList();
                if (parsed.Has("--json"))
                {
                    env.Out.WriteLine(JsonSerializer.Serialize(listed.Select(s => new { name = s.Name, types = s.Types })));
                    return 0;
                }

                foreach (var (name, types) in listed)
                {
                    env.Out.WriteLine(parsed.Has("-t") || parsed.Has("--show-types") ? $"{name} [{string.Join(", ", types)}]" : name);
                }

                return 0;
            case "type":
                var service = parsed.Positional(1, "a service name", Usage);
                var found = servers.Where(s => s.Service == service).Select(s => s.TypeName).Distinct().ToList();
                env.Out.WriteLine(found.Count > 0 ? string.Join('\n', found) : throw new CliException($"service '{service}' not found (see `robotics service list`)"));
                return 0;
            case "find":
                var type = parsed.Positional(1, "a service type such as std_srvs/srv/Trigger", Usage);
                foreach (var name in servers.Where(s => s.TypeName == type).Select(s => s.Service).Distinct().Order(StringComparer.Ordinal))
                {
                    env.Out.WriteLine(name);
                }

                return 0;
            case "call":
                return Call(parsed, env);
            default:
                throw new CliException($"service: unknown verb '{parsed.Positionals[0]}'. Usage: {Usage}");
        }
    }

    private static int Call(CliArguments args, CliEnvironment env)
    {
        var service = args.Positional(1, "a service name", Usage);
        var typeName = args.Positional(2, "a service type such as example_interfaces/srv/AddTwoInts", Usage);
        var type = MessageRegistry.TryGetService(typeName, out var t) ? t : throw new CliException($"unknown service type '{typeName}' (see `robotics interface list`)");
        var request = YamlValues.ToMessage(type.Request, args.Positionals.Count > 3 ? args.Positionals[3] : string.Empty);
        var wait = TimeSpan.FromSeconds(args.GetDouble("--timeout", 5));
        var node = CliNode.Get(env);

        env.Out.WriteLine("waiting for service to become available...");
        env.Out.WriteLine($"requester: making request: {type.Request.Name}");
        env.Out.WriteLine(YamlValues.Indent(YamlValues.ToYaml(request)));
        var call = DynamicInterfaces.CallAsync(node.Node, type, service, request, wait, env.Stop);
        node.SpinUntil(() => call.IsCompleted, env.Stop);
        var response = call.GetAwaiter().GetResult();
        env.Out.WriteLine();
        env.Out.WriteLine("response:");
        env.Out.WriteLine(YamlValues.Indent(YamlValues.ToYaml(response)));
        return 0;
    }
}
