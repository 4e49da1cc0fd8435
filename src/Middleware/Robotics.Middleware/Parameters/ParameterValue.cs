using System.Globalization;
using Robotics.Messages.RclInterfaces;

namespace Robotics.Middleware.Parameters;

/// <summary>
/// A typed ROS 2 parameter value (bool, int64, float64, string, or arrays of them). Accepts the plain CLR values a
/// launch or YAML parser produces; <see cref="From"/> rejects anything else with the type it got.
/// </summary>
public readonly struct ParameterValue : IEquatable<ParameterValue>
{
    private ParameterValue(ParameterType type, object? value)
    {
        Type = type;
        Value = value;
    }

    public ParameterType Type { get; }

    /// <summary>bool, long, double, string, byte[], bool[], long[], double[] or string[]; null when not set.</summary>
    public object? Value { get; }

    public static ParameterValue NotSet => default;

    public static ParameterValue From(object? value) => value switch
    {
        null => default,
        ParameterValue p => p,
        bool b => new(ParameterType.Bool, b),
        int i => new(ParameterType.Integer, (long)i),
        long l => new(ParameterType.Integer, l),
        float f => new(ParameterType.Double, (double)f),
        double d => new(ParameterType.Double, d),
        string s => new(ParameterType.String, s),
        byte[] bytes => new(ParameterType.ByteArray, bytes),
        bool[] bools => new(ParameterType.BoolArray, bools),
        int[] ints => new(ParameterType.IntegerArray, ints.Select(x => (long)x).ToArray()),
        long[] longs => new(ParameterType.IntegerArray, longs),
        double[] doubles => new(ParameterType.DoubleArray, doubles),
        string[] strings => new(ParameterType.StringArray, strings),
        _ => throw new ArgumentException($"a parameter cannot hold a {value.GetType().Name} (use bool, integer, double, string or arrays of them)", nameof(value)),
    };

    public bool AsBool() => As<bool>(ParameterType.Bool);

    public long AsInteger() => As<long>(ParameterType.Integer);

    /// <summary>The value as a double; integers convert (a YAML <c>1</c> for a double parameter is common).</summary>
    public double AsDouble() => Type == ParameterType.Integer ? (long)Value! : As<double>(ParameterType.Double);

    public string AsString() => As<string>(ParameterType.String);

    public double[] AsDoubleArray() => Type == ParameterType.IntegerArray ? ((long[])Value!).Select(x => (double)x).ToArray() : As<double[]>(ParameterType.DoubleArray);

    public long[] AsIntegerArray() => As<long[]>(ParameterType.IntegerArray);

    public string[] AsStringArray() => As<string[]>(ParameterType.StringArray);

    public bool[] AsBoolArray() => As<bool[]>(ParameterType.BoolArray);

    public byte[] AsByteArray() => As<byte[]>(ParameterType.ByteArray);

    public static string TypeName(ParameterType type) => type switch
    {
        ParameterType.NotSet => "not set",
        ParameterType.Bool => "bool",
        ParameterType.Integer => "integer",
        ParameterType.Double => "double",
        ParameterType.String => "string",
        ParameterType.ByteArray => "byte array",
        ParameterType.BoolArray => "bool array",
        ParameterType.IntegerArray => "integer array",
        ParameterType.DoubleArray => "double array",
        _ => "string array",
    };

    public Messages.RclInterfaces.ParameterValue ToMessage()
    {
        var message = new Messages.RclInterfaces.ParameterValue { Type = (byte)Type };
        switch (Type)
        {
            case ParameterType.Bool: message.BoolValue = (bool)Value!; break;
            case ParameterType.Integer: message.IntegerValue = (long)Value!; break;
            case ParameterType.Double: message.DoubleValue = (double)Value!; break;
            case ParameterType.String: message.StringValue = (string)Value!; break;
            case ParameterType.ByteArray: message.ByteArrayValue = (byte[])Value!; break;
            case ParameterType.BoolArray: message.BoolArrayValue = (bool[])Value!; break;
            case ParameterType.IntegerArray: message.IntegerArrayValue = (long[])Value!; break;
            case ParameterType.DoubleArray: message.DoubleArrayValue = (double[])Value!; break;
            case ParameterType.StringArray: message.StringArrayValue = (string[])Value!; break;
        }

        return message;
    }

    public static ParameterValue FromMessage(Messages.RclInterfaces.ParameterValue message) => (ParameterType)message.Type switch
    {
        ParameterType.Bool => new(ParameterType.Bool, message.BoolValue),
        ParameterType.Integer => new(ParameterType.Integer, message.IntegerValue),
        ParameterType.Double => new(ParameterType.Double, message.DoubleValue),
        ParameterType.String => new(ParameterType.String, message.StringValue),
        ParameterType.ByteArray => new(ParameterType.ByteArray, message.ByteArrayValue),
        ParameterType.BoolArray => new(ParameterType.BoolArray, message.BoolArrayValue),
        ParameterType.IntegerArray => new(ParameterType.IntegerArray, message.IntegerArrayValue),
        ParameterType.DoubleArray => new(ParameterType.DoubleArray, message.DoubleArrayValue),
        ParameterType.StringArray => new(ParameterType.StringArray, message.StringArrayValue),
        _ => default,
    };

    public Parameter ToParameter(string name) => new() { Name = name, Value = ToMessage() };

    public bool Equals(ParameterValue other) =>
        Type == other.Type && (Value is Array a && other.Value is Array b
            ? a.Length == b.Length && a.Cast<object>().SequenceEqual(b.Cast<object>())
            : Equals(Value, other.Value));

    public override bool Equals(object? obj) => obj is ParameterValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, Value is Array ? 0 : Value?.GetHashCode() ?? 0);

    public static bool operator ==(ParameterValue left, ParameterValue right) => left.Equals(right);

    public static bool operator !=(ParameterValue left, ParameterValue right) => !left.Equals(right);

    /// <summary>The value as `ros2 param get` prints it.</summary>
    public override string ToString() => Value switch
    {
        null => "not set",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        Array array => "[" + string.Join(", ", array.Cast<object>().Select(x => Convert.ToString(x, CultureInfo.InvariantCulture))) + "]",
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private T As<T>(ParameterType expected) =>
        Type == expected ? (T)Value! : throw new InvalidCastException($"parameter is of type {TypeName(Type)}, not {TypeName(expected)}");
}
