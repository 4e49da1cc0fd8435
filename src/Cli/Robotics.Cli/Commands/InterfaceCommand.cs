using System.Text.Json;
using Robotics.Messages;

namespace Robotics.Cli.Commands;

/// <summary><c>robotics interface list|show TYPE</c>, like <c>ros2 interface</c>.</summary>
public static class InterfaceCommand
{
    public const string Usage = "robotics interface list [--json] | robotics interface show TYPE";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var parsed = new CliArguments(args, "interface", ["--json"], new Dictionary<string, string>());
        var verb = parsed.Positional(0, "a verb (list or show)", Usage);
        switch (verb)
        {
            case "list":
                var names = MessageRegistry.Messages.Where(t => t.Kind == "msg").Select(t => t.Name)
                    .Concat(MessageRegistry.Services.Where(s => s.Name.Contains("/srv/", StringComparison.Ordinal)).Select(s => s.Name))
                    .Concat(MessageRegistry.Actions.Select(a => a.Name)).ToList();
                env.Out.WriteLine(parsed.Has("--json") ? JsonSerializer.Serialize(names) : string.Join('\n', names));
                return 0;
            case "show":
                env.Out.WriteLine(Show(parsed.Positional(1, "a type such as sensor_msgs/msg/JointState", Usage)));
                return 0;
            default:
                throw new CliException($"interface: unknown verb '{verb}'. Usage: {Usage}");
        }
    }

    /// <summary>The definition with nested types expanded and tab-indented, as `ros2 interface show` prints it.</summary>
    public static string Show(string name)
    {
        if (MessageRegistry.TryGetService(name, out var service))
        {
            return Expand(service.Request, 0) + "---\n" + Expand(service.Response, 0);
        }

        if (MessageRegistry.TryGetAction(name, out var action))
        {
            return Expand(action.Goal, 0) + "---\n" + Expand(action.Result, 0) + "---\n" + Expand(action.Feedback, 0);
        }

        return MessageRegistry.TryGet(name, out var type) ? Expand(type, 0) : throw new CliException(MessageRegistry.UnknownTypeMessage(name));
    }

    private static string Expand(MessageTypeInfo type, int depth)
    {
        var text = new System.Text.StringBuilder();
        var fields = type.Spec.Fields.ToDictionary(f => f.Line, f => f);
        var line = 0;
        foreach (var raw in type.Definition.Split('\n'))
        {
            line++;
            text.Append('\t', depth).Append(raw).Append('\n');
            if (fields.TryGetValue(line, out var field) && field.Type.NestedType is { } nested)
            {
                text.Append(Expand(MessageRegistry.Get(nested), depth + 1));
            }
        }

        return text.ToString();
    }
}
