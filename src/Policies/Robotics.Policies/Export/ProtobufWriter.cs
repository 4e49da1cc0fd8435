using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Robotics.Policies.Export;

/// <summary>
/// The few protobuf wire-format pieces an ONNX file needs (https://protobuf.dev/programming-guides/encoding/):
/// varints (wire type 0), 32-bit floats (5) and length-delimited fields (2) for strings, bytes, packed arrays and
/// nested messages. Nested messages are written into their own writer and copied in with their length.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int Varint = 0;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public int Length => _buffer.WrittenCount;

    public void Int64(int field, long value)
    {
        Tag(field, Varint);
        RawVarint((ulong)value);
    }

    public void Float(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        RawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Message(int field, ProtobufWriter message)
    {
        Tag(field, LengthDelimited);
        RawVarint((ulong)message._buffer.WrittenCount);
        _buffer.Write(message._buffer.WrittenSpan);
    }

    public void Message(int field, Action<ProtobufWriter> write)
    {
        var nested = new ProtobufWriter();
        write(nested);
        Message(field, nested);
    }

    /// <summary>Repeated int64 as one packed field (proto3's default for repeated scalars).</summary>
    public void PackedInt64(int field, ReadOnlySpan<long> values)
    {
        var packed = new ProtobufWriter();
        foreach (var value in values)
        {
            packed.RawVarint((ulong)value);
        }

        Message(field, packed);
    }

    /// <summary>Repeated float as one packed field.</summary>
    public void PackedFloat(int field, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        Bytes(field, bytes);
    }

    public void CopyTo(Stream destination) => destination.Write(_buffer.WrittenSpan);

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        _buffer.Write([(byte)value]);
    }
}
