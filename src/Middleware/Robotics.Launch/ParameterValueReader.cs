using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Robotics.Launch;

/// <summary>
/// Turns YAML nodes and launch attribute text into parameter values with rcl's typing rules (see <see cref="RclScalar"/>)
/// and rcl's array rules: one element type per sequence ("Sequence should be of same type" in parse.c), and no empty
/// sequence, because its type cannot be inferred and rclcpp rejects it with "No parameter value set".
/// </summary>
internal static class ParameterValueReader
{
    /// <summary>Builds the exception for a problem at a YAML node; the owner decides the file (or none).</summary>
    public delegate LaunchException Failure(YamlNode node, string problem);

    public static object FromYamlNode(YamlNode node, string name, Failure fail)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return FromScalar(scalar, name, fail);
            case YamlSequenceNode sequence:
                var items = new List<object>(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    if (child is not YamlScalarNode element)
                    {
                        throw fail(child, $"parameter '{name}': list elements must be single values " +
                            "(bool, integer, double or string), not nested lists or maps");
                    }

                    items.Add(FromScalar(element, name, fail));
                }

                return MakeArray(items, name, problem => fail(sequence, problem));
            default:
                throw fail(node, $"parameter '{name}': a map is not a parameter value");
        }
    }

    /// <summary>The value of <c>-p name:=VALUE</c>: errors carry no location, a command line has no lines.</summary>
    public static object FromCommandLine(string text, string name)
    {
        YamlNode? root;
        try
        {
            root = YamlText.LoadSingleRoot(text);
        }
        catch (YamlText.MalformedYamlException ex)
        {
            throw new LaunchException($"parameter '{name}': value '{text}' is not usable: {ex.Message}");
        }

        if (root is null)
        {
            throw new LaunchException($"parameter '{name}' has no value (write {name}:=<value>)");
        }

        return FromYamlNode(root, name, (_, problem) => new LaunchException(problem));
    }

    /// <summary>
    /// A launch file's <c>param value</c> after substitution. launch_ros reads the text as YAML and keeps the result when
    /// it is a scalar or a list, and the raw text otherwise (a map, or text that is not YAML).
    /// </summary>
    public static object FromLaunchText(string text, string name, SourceLocation location)
    {
        YamlNode? root;
        try
        {
            root = YamlText.LoadSingleRoot(text);
        }
        catch (YamlText.MalformedYamlException)
        {
            return text;
        }

        return root switch
        {
            null => text,
            YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" } => text,
            YamlScalarNode or YamlSequenceNode => FromYamlNode(root, name, (_, problem) => new LaunchException(location, problem)),
            _ => text,
        };
    }

    /// <summary>A YAML launch file's <c>value: [a, b]</c>: each element substituted, then typed like a scalar.</summary>
    public static object FromLaunchList(IReadOnlyList<string> elements, string name, SourceLocation location)
    {
        var items = new List<object>(elements.Count);
        foreach (var element in elements)
        {
            var value = FromLaunchText(element, name, location);
            if (value is Array)
            {
                throw new LaunchException(location, $"parameter '{name}': list elements must be single values, not lists");
            }

            items.Add(value);
        }

        return MakeArray(items, name, problem => new LaunchException(location, problem));
    }

    public static object MakeArray(List<object> items, string name, Func<string, LaunchException> fail)
    {
        if (items.Count == 0)
        {
            throw fail($"parameter '{name}' is an empty list; its type cannot be inferred " +
                "(rclcpp rejects it with \"No parameter value set\"): give at least one element or leave the parameter out");
        }

        var first = items[0].GetType();
        var stranger = items.FirstOrDefault(item => item.GetType() != first);
        if (stranger is not null)
        {
            throw fail($"parameter '{name}' mixes {ParameterValue.TypeName(items[0])} and {ParameterValue.TypeName(stranger)} " +
                "elements in one list; a ROS 2 array has one element type (write 1.0, not 1, in a list of doubles)");
        }

        return items[0] switch
        {
            bool => items.Cast<bool>().ToArray(),
            long => items.Cast<long>().ToArray(),
            double => items.Cast<double>().ToArray(),
            _ => (object)items.Cast<string>().ToArray(),
        };
    }

    private static object FromScalar(YamlScalarNode scalar, string name, Failure fail)
    {
        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
        var text = scalar.Value ?? string.Empty;
        if (!quoted && text.Length == 0)
        {
            // rcl: "No value at line N".
            throw fail(scalar, $"parameter '{name}' has no value");
        }

        return RclScalar.Type(text, quoted);
    }
}
