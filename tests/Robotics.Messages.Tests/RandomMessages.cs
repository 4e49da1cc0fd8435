using Robotics.Messages;
using Robotics.Messages.Definitions;
using Robotics.Messages.Dynamic;

namespace Robotics.Messages.Tests;

/// <summary>Random values of any registered type, built from its definition (independent of generated code).</summary>
public static class RandomMessages
{
    public static DynamicMessage Create(MessageTypeInfo type, Random random, int depth = 0, bool asciiOnly = false)
    {
        var message = new DynamicMessage(type);
        foreach (var field in type.Spec.Fields)
        {
            message[field.Name] = Field(field.Type, random, depth, asciiOnly);
        }

        return message;
    }

    private static object Field(FieldType type, Random random, int depth, bool asciiOnly)
    {
        if (!type.IsArray)
        {
            return Element(type, random, depth, asciiOnly);
        }

        var count = type.Array switch
        {
            ArrayKind.Fixed => type.ArrayBound,
            ArrayKind.Bounded => random.Next(type.ArrayBound + 1),
            _ => depth > 2 ? random.Next(2) : random.Next(6),
        };
        var element = type.Element();
        var sample = Element(element, random, depth + 1, asciiOnly);
        var array = Array.CreateInstance(sample.GetType(), count);
        for (var i = 0; i < count; i++)
        {
            array.SetValue(Element(element, random, depth + 1, asciiOnly), i);
        }

        return array;
    }

    private static object Element(FieldType type, Random random, int depth, bool asciiOnly) => type.Primitive switch
    {
        PrimitiveKind.None => Create(MessageRegistry.Get(type.NestedType!), random, depth + 1, asciiOnly),
        PrimitiveKind.Bool => random.Next(2) == 1,
        PrimitiveKind.Byte or PrimitiveKind.Char or PrimitiveKind.UInt8 => (byte)random.Next(256),
        PrimitiveKind.Int8 => (sbyte)random.Next(-128, 128),
        PrimitiveKind.Int16 => (short)random.Next(short.MinValue, short.MaxValue + 1),
        PrimitiveKind.UInt16 => (ushort)random.Next(ushort.MaxValue + 1),
        PrimitiveKind.Int32 => random.Next(int.MinValue, int.MaxValue),
        PrimitiveKind.UInt32 => (uint)random.NextInt64(uint.MaxValue + 1L),
        PrimitiveKind.Int64 => random.NextInt64(long.MinValue, long.MaxValue),
        PrimitiveKind.UInt64 => (ulong)random.NextInt64(long.MinValue, long.MaxValue),
        PrimitiveKind.Float32 => SpecialOr(random, (float)((random.NextDouble() - 0.5) * 1e6), float.NaN, float.PositiveInfinity, -0f),
        PrimitiveKind.Float64 => SpecialOr(random, (random.NextDouble() - 0.5) * 1e12, double.NaN, double.NegativeInfinity, double.Epsilon),
        _ => Text(random, type.StringBound, asciiOnly),
    };

    private static T SpecialOr<T>(Random random, T normal, params T[] specials) =>
        random.Next(10) == 0 ? specials[random.Next(specials.Length)] : normal;

    private static string Text(Random random, int bound, bool asciiOnly)
    {
        // Mix ASCII with multi-byte UTF-8 so string lengths are counted in bytes, not chars.
        var alphabet = asciiOnly ? "abcxyz_/ 0123456789" : "abcxyz_/ 0123456789éλ→🤖";
        var length = random.Next(bound > 0 ? Math.Min(bound, 8) / 4 : 12);
        var text = new System.Text.StringBuilder();
        var runes = alphabet.EnumerateRunes().ToArray();
        for (var i = 0; i < length; i++)
        {
            text.Append(runes[random.Next(runes.Length)].ToString());
        }

        return text.ToString();
    }
}
