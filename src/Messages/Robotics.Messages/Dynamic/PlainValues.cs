using System.Globalization;
using Robotics.Messages.Cdr;
using Robotics.Messages.Definitions;

namespace Robotics.Messages.Dynamic;

/// <summary>
/// Converts between <see cref="DynamicMessage"/> and plain values (maps, lists, strings, numbers, bools) such as a
/// YAML or JSON parser produces, with the field rules of <c>ros2 topic pub</c>: missing fields keep their defaults,
/// unknown fields and out-of-range numbers are errors that name the field.
/// </summary>
public static class PlainValues
{
    /// <summary>Builds a message from a map; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static DynamicMessage ToMessage(MessageTypeInfo type, IReadOnlyDictionary<string, object?>? plain, string path = "")
    {
        var message = DynamicCdr.Decode(type, CdrSerializer.Serialize(type.CreateDefault()));
        if (plain is null)
        {
            return message;
        }

        var fields = type.Spec.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var (name, value) in plain)
        {
            if (!fields.TryGetValue(name, out var field))
            {
                var known = string.Join(", ", type.Spec.Fields.Select(f => f.Name));
                throw new FormatException($"{path}{name}: {type.Name} has no field '{name}' (fields: {known})");
            }

            message[name] = Convert(field.Type, value, path + name);
        }

        return message;
    }

    /// <summary>Turns a message into plain maps and lists (for YAML/JSON printing).</summary>
    public static object? ToPlain(object? value) => value switch
    {
        DynamicMessage message => new OrderedPlainMap(message.Fields.Select(f => new KeyValuePair<string, object?>(f.Key, ToPlain(f.Value)))),
        string => value,
        Array array => array.Cast<object?>().Select(ToPlain).ToList(),
        _ => value,
    };

    private static object? Convert(FieldType type, object? value, string path)
    {
        if (!type.IsArray)
        {
            return ConvertElement(type, value, path);
        }

        if (value is not IEnumerable<object?> list || value is string)
        {
            throw new FormatException($"{path}: expected a list for {type.ElementText}[], got '{value}'");
        }

        var items = list.ToList();
        if (type.Array == ArrayKind.Fixed && items.Count != type.ArrayBound)
        {
            throw new FormatException($"{path}: needs exactly {type.ArrayBound} elements, got {items.Count}");
        }

        if (type.Array == ArrayKind.Bounded && items.Count > type.ArrayBound)
        {
            throw new FormatException($"{path}: allows at most {type.ArrayBound} elements, got {items.Count}");
        }

        var element = type.Element();
        var clr = ElementClrType(element);
        var array = Array.CreateInstance(clr, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(ConvertElement(element, items[i], $"{path}[{i}]"), i);
        }

        return array;
    }

    private static object ConvertElement(FieldType type, object? value, string path)
    {
        if (type.IsNested)
        {
            var nested = MessageRegistry.Get(type.NestedType!);
            return value switch
            {
                null => ToMessage(nested, null, path + "."),
                IReadOnlyDictionary<string, object?> map => ToMessage(nested, map, path + "."),
                IDictionary<string, object?> map => ToMessage(nested, map.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), path + "."),
                _ => throw new FormatException($"{path}: expected a {nested.Name} map like {{field: value}}, got '{value}'"),
            };
        }

        var text = System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        try
        {
            return type.Primitive switch
            {
                PrimitiveKind.String => text,
                PrimitiveKind.Bool => ParseBool(text),
                PrimitiveKind.Byte or PrimitiveKind.Char or PrimitiveKind.UInt8 => byte.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveKind.Int8 => sbyte.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveKind.Int16 => short.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveKind.UInt16 => ushort.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveKind.Int32 => int.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveKind.UInt32 => uint.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveKind.Int64 => long.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveKind.UInt64 => ulong.Parse(text, CultureInfo.InvariantCulture),
                PrimitiveKind.Float32 => float.Parse(FloatText(text), NumberStyles.Float, CultureInfo.InvariantCulture),
                _ => double.Parse(FloatText(text), NumberStyles.Float, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new FormatException($"{path}: '{text}' is not a valid {type.ElementText}");
        }
    }

    private static bool ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new FormatException(),
    };

    // YAML spells infinities and NaN as .inf/.nan.
    private static string FloatText(string text) => text.ToLowerInvariant() switch
    {
        ".inf" or "+.inf" or "inf" => "Infinity",
        "-.inf" or "-inf" => "-Infinity",
        ".nan" or "nan" => "NaN",
        _ => text,
    };

    private static Type ElementClrType(FieldType type) => type.Primitive switch
    {
        PrimitiveKind.None => typeof(DynamicMessage),
        PrimitiveKind.Bool => typeof(bool),
        PrimitiveKind.Byte or PrimitiveKind.Char or PrimitiveKind.UInt8 => typeof(byte),
        PrimitiveKind.Int8 => typeof(sbyte),
        PrimitiveKind.Int16 => typeof(short),
        PrimitiveKind.UInt16 => typeof(ushort),
        PrimitiveKind.Int32 => typeof(int),
        PrimitiveKind.UInt32 => typeof(uint),
        PrimitiveKind.Int64 => typeof(long),
        PrimitiveKind.UInt64 => typeof(ulong),
        PrimitiveKind.Float32 => typeof(float),
        PrimitiveKind.Float64 => typeof(double),
        _ => typeof(string),
    };
}
