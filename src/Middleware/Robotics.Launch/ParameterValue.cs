using System.Globalization;
using System.Text;

namespace Robotics.Launch;

/// <summary>
/// Parameter values are plain CLR values of the nine ROS 2 parameter types (rcl_interfaces/msg/ParameterType):
/// <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, and arrays of
/// <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>, <see cref="string"/> and <see cref="byte"/>.
/// This class parses them from YAML text, renders them back, and compares them.
/// </summary>
public static class ParameterValue
{
    /// <summary>
    /// Parses the value of a <c>-p name:=VALUE</c> rule as rcl does (<c>rcl_parse_yaml_value</c>): a YAML scalar typed
    /// by rcl's rules, or a sequence of scalars of one type that becomes an array.
    /// </summary>
    public static object Parse(string yamlText, string parameterName = "value")
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        return ParameterValueReader.FromCommandLine(yamlText, parameterName);
    }

    /// <summary>Renders a value as YAML that <see cref="Parse"/> reads back as an equal value.</summary>
    public static string ToYaml(object value)
    {
        return Validate(value) switch
        {
            string s => FormatString(s, inFlow: false),
            byte[] => throw new LaunchException(
                "byte array parameters cannot be written as YAML: rcl's YAML reader has no syntax for them"),
            Array array => "[" + string.Join(", ", array.Cast<object>().Select(FormatElement)) + "]",
            var scalar => FormatScalar(scalar),
        };
    }

    /// <summary>The ROS 2 name of the value's type: bool, integer, double, string, bool_array, ...</summary>
    public static string TypeName(object value) => value switch
    {
        bool => "bool",
        long => "integer",
        double => "double",
        string => "string",
        bool[] => "bool_array",
        long[] => "integer_array",
        double[] => "double_array",
        string[] => "string_array",
        byte[] => "byte_array",
        null => throw new ArgumentNullException(nameof(value)),
        _ => throw new ArgumentException(
            $"'{value.GetType().Name}' is not a ROS 2 parameter type " +
            "(expected bool, long, double, string, or an array of bool, long, double, string or byte)",
            nameof(value)),
    };

    /// <summary>Type and element equality; NaN equals NaN so that a value always equals itself.</summary>
    public static bool ValueEquals(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (bool[] a, bool[] b) => a.AsSpan().SequenceEqual(b),
        (long[] a, long[] b) => a.AsSpan().SequenceEqual(b),
        (double[] a, double[] b) => a.Length == b.Length && a.Zip(b).All(pair => pair.First.Equals(pair.Second)),
        (string[] a, string[] b) => a.AsSpan().SequenceEqual(b),
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (Array, _) or (_, Array) => false,
        ({ } a, { } b) => a.GetType() == b.GetType() && a.Equals(b),
        _ => false,
    };

    public static int GetValueHashCode(object value)
    {
        if (value is not Array array)
        {
            return value.GetHashCode();
        }

        var hash = new HashCode();
        hash.Add(array.GetType());
        foreach (var item in array)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>A short human-readable form for messages and ToString; unlike <see cref="ToYaml"/> it never throws.</summary>
    public static string Describe(object value) => value is byte[] bytes
        ? "[" + string.Join(", ", bytes.Select(b => b.ToString(CultureInfo.InvariantCulture))) + "] (bytes)"
        : ToYaml(value);

    /// <summary>Checks the type and copies arrays, so a caller keeping the array cannot change a model value.</summary>
    internal static object Validate(object value)
    {
        _ = TypeName(value);
        return value is Array array ? array.Clone() : value;
    }

    private static string FormatElement(object element) =>
        element is string s ? FormatString(s, inFlow: true) : FormatScalar(element);

    private static string FormatScalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        _ => throw new ArgumentException($"not a scalar parameter value: {value}", nameof(value)),
    };

    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return ".nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? ".inf" : "-.inf";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        // "1" would read back as an integer: keep a decimal point so the type survives the round trip.
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }

    private static string FormatString(string s, bool inFlow)
    {
        if (IsSafePlain(s, inFlow))
        {
            return s;
        }

        var builder = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                '\t' => builder.Append("\\t"),
                '\r' => builder.Append("\\r"),
                _ when NeedsEscape(c) => builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    // Plain only for identifier- and path-like text that rcl would also read back as this same string;
    // everything else is double-quoted, which YAML never re-types.
    private static bool IsSafePlain(string s, bool inFlow)
    {
        if (s.Length == 0 || !(char.IsAsciiLetterOrDigit(s[0]) || s[0] is '_' or '/' or '.'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '/' or '.' or '-' or '+' || (!inFlow && c == ' ')))
            {
                return false;
            }
        }

        return !s.EndsWith(' ') && RclScalar.Type(s, quoted: false) is string;
    }

    // Characters YAML does not allow raw (c-printable, YAML 1.2 §5.1) or would treat as line breaks.
    private static bool NeedsEscape(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '\uFEFF' or '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF';
}
