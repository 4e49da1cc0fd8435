using System.Text.Json;
using Robotics.Messages;
using Robotics.Middleware.Actions;
using Robotics.Middleware.Graph;
using Robotics.Middleware.Names;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics action list|info|send_goal</c> with the arguments of <c>ros2 action</c>. An action is found in the
/// graph by its <c>…/_action/send_goal</c> service; its type is that service's type without <c>_SendGoal</c>.
/// </summary>
public static class ActionCommand
{
    public const string Usage = "robotics action list [-t] [--json] | info ACTION | send_goal ACTION TYPE GOAL [-f|--feedback] [--timeout S]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var parsed = new CliArguments(args, "action", ["-t", "--show-types", "--json", "-f", "--feedback"], new Dictionary<string, string> { ["--timeout"] = "--timeout" });
        var graph = env.Context.Transport.Graph;
        switch (parsed.Positional(0, "a verb (list, info, send_goal)", Usage))
        {
            case "list":
                var actions = Actions(graph);
                if (parsed.Has("--json"))
                {
                    env.Out.WriteLine(JsonSerializer.Serialize(actions.Select(a => new { name = a.Name, type = a.Type })));
                    return 0;
                }

                foreach (var (name, type) in actions)
                {
                    env.Out.WriteLine(parsed.Has("-t") || parsed.Has("--show-types") ? $"{name} [{type}]" : name);
                }

                return 0;
            case "info":
                return Info(parsed.Positional(1, "an action name", Usage), graph, env);
            case "send_goal":
                return SendGoal(parsed, env);
            default:
                throw new CliException($"action: unknown verb '{parsed.Positionals[0]}'. Usage: {Usage}");
        }
    }

    /// <summary>Every action with a server in the graph, with its type (<c>pkg/action/Name</c>).</summary>
    public static IReadOnlyList<(string Name, string Type)> Actions(IGraph graph) =>
        [.. graph.Services.Where(s => s.IsServer && s.Service.EndsWith(ActionNames.Infix + "send_goal", StringComparison.Ordinal))
            .Select(s => (Name: ActionNames.ActionOf(s.Service)!, Type: s.TypeName.EndsWith("_SendGoal", StringComparison.Ordinal) ? s.TypeName[..^"_SendGoal".Length] : s.TypeName))
            .Distinct().OrderBy(a => a.Name, StringComparer.Ordinal)];

    private static int Info(string action, IGraph graph, CliEnvironment env)
    {
        var sendGoal = ActionNames.SendGoal(action);
        var servers = graph.Services.Where(s => s.Service == sendGoal && s.IsServer).Select(Fqn).Distinct().Order(StringComparer.Ordinal).ToList();
        var clients = graph.Services.Where(s => s.Service == sendGoal && !s.IsServer).Select(Fqn).Distinct().Order(StringComparer.Ordinal).ToList();
        if (servers.Count == 0 && clients.Count == 0)
        {
            throw new CliException($"action '{action}' not found (see `robotics action list`)");
        }

        env.Out.WriteLine($"Action: {action}");
        env.Out.WriteLine($"Action clients: {clients.Count}");
        foreach (var client in clients)
        {
            env.Out.WriteLine($"    {client}");
        }

        env.Out.WriteLine($"Action servers: {servers.Count}");
        foreach (var server in servers)
        {
            env.Out.WriteLine($"    {server}");
        }

        return 0;
    }

    private static int SendGoal(CliArguments args, CliEnvironment env)
    {
        var action = args.Positional(1, "an action name", Usage);
        var typeName = args.Positional(2, "an action type such as control_msgs/action/FollowJointTrajectory", Usage);
        var type = MessageRegistry.TryGetAction(typeName, out var t) ? t : throw new CliException($"unknown action type '{typeName}' (see `robotics interface list`)");
        var goal = YamlValues.ToMessage(type.Goal, args.Positional(3, "a goal in YAML, e.g. \"{order: 5}\"", Usage));
        var showFeedback = args.Has("-f") || args.Has("--feedback");
        var node = CliNode.Get(env);
        var output = TextWriter.Synchronized(env.Out);

        output.WriteLine("Waiting for an action server to become available...");
        output.WriteLine("Sending goal:");
        output.WriteLine(YamlValues.Indent(YamlValues.ToYaml(goal)));
        output.WriteLine();
        var outcome = DynamicInterfaces.SendGoalAsync(
            node.Node,
            type,
            action,
            goal,
            showFeedback ? f => output.WriteLine($"Feedback:\n{YamlValues.Indent(YamlValues.ToYaml(f))}\n") : null,
            (id, accepted) => output.WriteLine(accepted ? $"Goal accepted with ID: {id}\n" : "Goal was rejected."),
            TimeSpan.FromSeconds(args.GetDouble("--timeout", 5)),
            env.Stop);
        node.SpinUntil(() => outcome.IsCompleted, CancellationToken.None);
        var (_, wasAccepted, status, result) = outcome.GetAwaiter().GetResult();
        if (!wasAccepted)
        {
            return 1;
        }

        output.WriteLine("Result:");
        output.WriteLine(YamlValues.Indent(YamlValues.ToYaml(result!)));
        output.WriteLine();
        output.WriteLine($"Goal finished with status: {status.ToString().ToUpperInvariant()}");
        return status == GoalStatusCode.Succeeded ? 0 : 1;
    }

    private static string Fqn(GraphService s) => RosNames.Join(s.NodeNamespace, s.NodeName);
}
