namespace Robotics.Messages;

/// <summary>
/// Builds the <c>ros2msg</c> schema text rosbag2 stores in MCAP: the type's own text, then for each dependency
/// (depth first, once each) a line of 80 '=' , <c>MSG: pkg/Type</c>, and its text (FORMATS.md).
/// </summary>
public static class Ros2MsgSchema
{
    private static readonly string _separator = new('=', 80);

    public static string Build(MessageTypeInfo type)
    {
        var text = new System.Text.StringBuilder(type.Definition);
        var seen = new HashSet<string>(StringComparer.Ordinal) { type.Name };
        AppendDependencies(type, text, seen);
        return text.ToString();
    }

    private static void AppendDependencies(MessageTypeInfo type, System.Text.StringBuilder text, HashSet<string> seen)
    {
        foreach (var field in type.Spec.Fields)
        {
            if (field.Type.NestedType is not { } nested || !seen.Add(nested))
            {
                continue;
            }

            var dependency = MessageRegistry.Get(nested);
            var shortName = dependency.Kind == "msg" ? dependency.Package + "/" + dependency.ShortName : dependency.Name;
            text.Append('\n').Append(_separator).Append('\n').Append("MSG: ").Append(shortName).Append('\n').Append(dependency.Definition);
            AppendDependencies(dependency, text, seen);
        }
    }
}
