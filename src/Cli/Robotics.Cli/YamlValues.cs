using System.Globalization;
using System.Text;
using Robotics.Messages.Dynamic;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Robotics.Cli;

/// <summary>
/// YAML in and out as the ros2 CLI uses it: <c>topic pub</c> takes a flow map like <c>"{data: hello}"</c>;
/// <c>topic echo</c> prints block YAML followed by <c>---</c>.
/// </summary>
public static class YamlValues
{
    /// <summary>Parses a message value; an empty text means "all defaults".</summary>
    public static IReadOnlyDictionary<string, object?>? ParseMap(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new CliException($"values '{text}' are not valid YAML (column {e.Start.Column}): {e.Message}. Example: \"{{data: hello}}\"");
        }

        return stream.Documents.Count == 0 ? null : ToPlain(stream.Documents[0].RootNode) as IReadOnlyDictionary<string, object?>
            ?? throw new CliException($"values '{text}' must be a YAML map such as \"{{data: hello}}\"");
    }

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? string.Empty, p => ToPlain(p.Value), StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.Select(ToPlain).ToList(),
        YamlScalarNode scalar => scalar.Value,
        _ => null,
    };

    /// <summary>Writes a decoded message as ros2 topic echo does.</summary>
    /// <summary>A generated message from YAML (<c>topic pub</c>, <c>service call</c>, <c>action send_goal</c>).</summary>
    public static Robotics.Messages.IRosMessage ToMessage(Robotics.Messages.MessageTypeInfo type, string yaml) =>
        Robotics.Messages.Cdr.CdrSerializer.Deserialize(type, DynamicCdr.Encode(PlainValues.ToMessage(type, ParseMap(yaml))));

    /// <summary>A generated message as block YAML, without the trailing newline.</summary>
    public static string ToYaml(Robotics.Messages.IRosMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ToYaml(DynamicCdr.Decode(message.MessageType, Robotics.Messages.Cdr.CdrSerializer.Serialize(message))).TrimEnd('\n');
    }

    /// <summary>Indents every line by four spaces, as ros2 prints requests, responses, goals and results.</summary>
    public static string Indent(string text) => "    " + text.Replace("\n", "\n    ", StringComparison.Ordinal);

    public static string ToYaml(DynamicMessage message)
    {
        var text = new StringBuilder();
        Write(text, PlainValues.ToPlain(message), 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value, int indent)
    {
        if (value is OrderedPlainMap map)
        {
            foreach (var (key, item) in map)
            {
                text.Append(' ', indent).Append(key).Append(':');
                if (item is OrderedPlainMap nested)
                {
                    text.Append('\n');
                    Write(text, nested, indent + 2);
                }
                else if (item is List<object?> list && list.Count > 0)
                {
                    text.Append('\n');
                    foreach (var element in list)
                    {
                        text.Append(' ', indent).Append("- ");
                        if (element is OrderedPlainMap elementMap)
                        {
                            var inner = new StringBuilder();
                            Write(inner, elementMap, indent + 2);
                            text.Append(inner.ToString().TrimStart()).Append(inner.Length == 0 ? "\n" : string.Empty);
                        }
                        else
                        {
                            text.Append(Scalar(element)).Append('\n');
                        }
                    }
                }
                else
                {
                    text.Append(' ').Append(item is List<object?> ? "[]" : Scalar(item)).Append('\n');
                }
            }
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => s.Length == 0 || s.IndexOfAny([':', '#', '\'', '"', '{', '}', '[', ']', ',', '\n']) >= 0 || s.Trim() != s ? "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'" : s,
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string FormatDouble(double d) =>
        double.IsNaN(d) ? ".nan" : double.IsPositiveInfinity(d) ? ".inf" : double.IsNegativeInfinity(d) ? "-.inf"
        : d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("F1", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
}
