using Robotics.Messages.Cdr;
using Robotics.Messages.Definitions;

namespace Robotics.Messages.Dynamic;

/// <summary>
/// Reads and writes XCDR1 by interpreting a type's definition instead of generated code. Slower than the
/// generated path; used where the type is chosen at run time, and in tests as an independent implementation.
/// </summary>
public static class DynamicCdr
{
    public static DynamicMessage Read(MessageTypeInfo type, ref CdrReader reader)
    {
        var message = new DynamicMessage(type);
        if (type.Spec.Fields.Count == 0)
        {
            _ = reader.ReadUInt8();
        }

        foreach (var field in type.Spec.Fields)
        {
            message[field.Name] = ReadField(field.Type, ref reader);
        }

        return message;
    }

    /// <summary>Decodes a whole serialized message (with its encapsulation header).</summary>
    public static DynamicMessage Decode(MessageTypeInfo type, ReadOnlySpan<byte> data)
    {
        var reader = CdrSerializer.OpenBody(data, type);
        return Read(type, ref reader);
    }

    public static void Write<TWriter>(DynamicMessage message, ref TWriter writer)
        where TWriter : ICdrWriter, allows ref struct
    {
        var fields = message.Type.Spec.Fields;
        if (fields.Count == 0)
        {
            writer.WriteUInt8(0);
        }

        foreach (var field in fields)
        {
            WriteField(field.Type, message[field.Name], message.Type.Name + "." + field.Name, ref writer);
        }
    }

    /// <summary>Encodes a whole message (header, body, padding) the way <see cref="CdrSerializer"/> does.</summary>
    public static byte[] Encode(DynamicMessage message)
    {
        var sizer = default(CdrSizer);
        Write(message, ref sizer);
        var padded = (sizer.Size + 3) & ~3;
        var bytes = new byte[CdrSerializer.HeaderSize + padded];
        var writer = new CdrWriter(bytes.AsSpan(CdrSerializer.HeaderSize));
        Write(message, ref writer);
        bytes[1] = 0x01;
        bytes[3] = (byte)(padded - sizer.Size);
        return bytes;
    }

    private static object? ReadField(FieldType type, ref CdrReader reader)
    {
        if (!type.IsArray)
        {
            return ReadElement(type, ref reader);
        }

        var bound = type.Array == ArrayKind.Bounded ? type.ArrayBound : 0;
        if (!type.IsNested && type.Primitive != PrimitiveKind.String)
        {
            var count = type.Array == ArrayKind.Fixed ? type.ArrayBound : reader.ReadSequenceLength(PrimitiveNames.WireSize(type.Primitive), bound);
            return ReadPrimitiveArray(type.Primitive, count, ref reader);
        }

        var n = type.Array == ArrayKind.Fixed ? type.ArrayBound : reader.ReadSequenceLength(type.IsNested ? 1 : 4, bound);
        if (type.IsNested)
        {
            var nested = MessageRegistry.Get(type.NestedType!);
            var items = new DynamicMessage[n];
            for (var i = 0; i < n; i++)
            {
                items[i] = Read(nested, ref reader);
            }

            return items;
        }

        var strings = new string[n];
        for (var i = 0; i < n; i++)
        {
            strings[i] = reader.ReadString(type.StringBound);
        }

        return strings;
    }

    private static object ReadElement(FieldType type, ref CdrReader reader) => type.Primitive switch
    {
        PrimitiveKind.None => Read(MessageRegistry.Get(type.NestedType!), ref reader),
        PrimitiveKind.Bool => reader.ReadBool(),
        PrimitiveKind.Byte or PrimitiveKind.Char or PrimitiveKind.UInt8 => reader.ReadUInt8(),
        PrimitiveKind.Int8 => reader.ReadInt8(),
        PrimitiveKind.Int16 => reader.ReadInt16(),
        PrimitiveKind.UInt16 => reader.ReadUInt16(),
        PrimitiveKind.Int32 => reader.ReadInt32(),
        PrimitiveKind.UInt32 => reader.ReadUInt32(),
        PrimitiveKind.Int64 => reader.ReadInt64(),
        PrimitiveKind.UInt64 => reader.ReadUInt64(),
        PrimitiveKind.Float32 => reader.ReadFloat32(),
        PrimitiveKind.Float64 => reader.ReadFloat64(),
        _ => reader.ReadString(type.StringBound),
    };

    private static Array ReadPrimitiveArray(PrimitiveKind kind, int count, ref CdrReader reader) => kind switch
    {
        PrimitiveKind.Bool => reader.ReadArray<bool>(count),
        PrimitiveKind.Byte or PrimitiveKind.Char or PrimitiveKind.UInt8 => reader.ReadArray<byte>(count),
        PrimitiveKind.Int8 => reader.ReadArray<sbyte>(count),
        PrimitiveKind.Int16 => reader.ReadArray<short>(count),
        PrimitiveKind.UInt16 => reader.ReadArray<ushort>(count),
        PrimitiveKind.Int32 => reader.ReadArray<int>(count),
        PrimitiveKind.UInt32 => reader.ReadArray<uint>(count),
        PrimitiveKind.Int64 => reader.ReadArray<long>(count),
        PrimitiveKind.UInt64 => reader.ReadArray<ulong>(count),
        PrimitiveKind.Float32 => reader.ReadArray<float>(count),
        _ => reader.ReadArray<double>(count),
    };

    private static void WriteField<TWriter>(FieldType type, object? value, string label, ref TWriter writer)
        where TWriter : ICdrWriter, allows ref struct
    {
        if (!type.IsArray)
        {
            WriteElement(type, value, label, ref writer);
            return;
        }

        var array = value as Array ?? Array.Empty<object>();
        if (type.Array == ArrayKind.Fixed && array.Length != type.ArrayBound)
        {
            throw new MessageEncodeException($"{label}: fixed array needs exactly {type.ArrayBound} elements, has {array.Length}");
        }

        if (type.Array == ArrayKind.Bounded && array.Length > type.ArrayBound)
        {
            throw new MessageEncodeException($"{label}: bounded sequence allows at most {type.ArrayBound} elements, has {array.Length}");
        }

        if (type.Array != ArrayKind.Fixed)
        {
            writer.WriteSequenceLength(array.Length);
        }

        var element = type.Element();
        foreach (var item in array)
        {
            WriteElement(element, item, label, ref writer);
        }
    }

    private static void WriteElement<TWriter>(FieldType type, object? value, string label, ref TWriter writer)
        where TWriter : ICdrWriter, allows ref struct
    {
        switch (type.Primitive)
        {
            case PrimitiveKind.None:
                Write(value as DynamicMessage ?? throw new MessageEncodeException($"{label}: expected a {type.NestedType} message"), ref writer);
                break;
            case PrimitiveKind.Bool: writer.WriteBool(As<bool>(value, label)); break;
            case PrimitiveKind.Byte or PrimitiveKind.Char or PrimitiveKind.UInt8: writer.WriteUInt8(As<byte>(value, label)); break;
            case PrimitiveKind.Int8: writer.WriteInt8(As<sbyte>(value, label)); break;
            case PrimitiveKind.Int16: writer.WriteInt16(As<short>(value, label)); break;
            case PrimitiveKind.UInt16: writer.WriteUInt16(As<ushort>(value, label)); break;
            case PrimitiveKind.Int32: writer.WriteInt32(As<int>(value, label)); break;
            case PrimitiveKind.UInt32: writer.WriteUInt32(As<uint>(value, label)); break;
            case PrimitiveKind.Int64: writer.WriteInt64(As<long>(value, label)); break;
            case PrimitiveKind.UInt64: writer.WriteUInt64(As<ulong>(value, label)); break;
            case PrimitiveKind.Float32: writer.WriteFloat32(As<float>(value, label)); break;
            case PrimitiveKind.Float64: writer.WriteFloat64(As<double>(value, label)); break;
            default:
                var text = As<string>(value, label);
                if (type.StringBound > 0 && System.Text.Encoding.UTF8.GetByteCount(text) > type.StringBound)
                {
                    throw new MessageEncodeException($"{label}: bounded string allows at most {type.StringBound} bytes");
                }

                writer.WriteString(text);
                break;
        }
    }

    private static T As<T>(object? value, string label) =>
        value is T typed ? typed : throw new MessageEncodeException($"{label}: expected {typeof(T).Name}, got {value?.GetType().Name ?? "null"}");
}
