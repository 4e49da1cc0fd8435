using System.Collections.Generic;
using System.Text;
using Robotics.Messages.Definitions;

namespace Robotics.Messages.Generator;

/// <summary>How ROS 2 names become C# names: <c>sensor_msgs</c> → <c>SensorMsgs</c>, <c>frame_id</c> → <c>FrameId</c>.</summary>
internal static class Names
{
    // Members every generated class already has; a field with one of these names gets a "Value" suffix.
    private static readonly HashSet<string> _reserved = new() { "TypeInfo", "MessageType", "Serialize", "Deserialize", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize" };

    public static string Pascal(string snake)
    {
        var text = new StringBuilder(snake.Length);
        var upper = true;
        foreach (var c in snake)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            text.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return text.ToString();
    }

    /// <summary><c>Trigger_Request</c> → <c>TriggerRequest</c>.</summary>
    public static string Class(string rosName) => rosName.Replace("_", string.Empty);

    public static string Namespace(string package) => "Robotics.Messages." + Pascal(package);

    /// <summary><c>pkg/kind/Name</c> → <c>global::Robotics.Messages.Pkg.Name</c>.</summary>
    public static string QualifiedClass(string fullName)
    {
        var parts = fullName.Split('/');
        return "global::" + Namespace(parts[0]) + "." + Class(parts[2]);
    }

    public static string Member(string field, string className)
    {
        var name = Pascal(field);
        return name == className || _reserved.Contains(name) ? name + "Value" : name;
    }

    public static string FileName(MessageSpec spec) => spec.Package + "." + spec.Kind + "." + spec.Name + ".g.cs";
}
