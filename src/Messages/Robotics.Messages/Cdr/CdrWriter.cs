using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Robotics.Messages.Cdr;

/// <summary>
/// Writes an XCDR1 little-endian body into a span sized by <see cref="CdrSizer"/>. Padding bytes are written as
/// zeros (ROS2_WIRE.md), so pooled buffers with old contents are safe.
/// </summary>
public ref struct CdrWriter : ICdrWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public CdrWriter(Span<byte> body)
    {
        _buffer = body;
        _position = 0;
    }

    public readonly int Position => _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        var start = CdrAlignment.Align(_position, size);
        if (start + size > _buffer.Length)
        {
            ThrowTooSmall(start + size);
        }

        _buffer[_position..start].Clear();
        _position = start + size;
        return _buffer.Slice(start, size);
    }

    public void WriteBool(bool value) => Reserve(1)[0] = value ? (byte)1 : (byte)0;

    public void WriteUInt8(byte value) => Reserve(1)[0] = value;

    public void WriteInt8(sbyte value) => Reserve(1)[0] = unchecked((byte)value);

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Reserve(2), value);

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    public void WriteFloat32(float value) => BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);

    public void WriteFloat64(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void WriteString(string? value)
    {
        value ??= string.Empty;
        var length = Encoding.UTF8.GetByteCount(value);
        WriteUInt32((uint)(length + 1));
        if (_position + length + 1 > _buffer.Length)
        {
            ThrowTooSmall(_position + length + 1);
        }

        // String bytes are unaligned: they follow the length directly.
        var target = _buffer.Slice(_position, length + 1);
        _position += length + 1;
        Encoding.UTF8.GetBytes(value, target);
        target[length] = 0;
    }

    public void WriteArray<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (values.IsEmpty)
        {
            return;
        }

        var bytes = MemoryMarshal.AsBytes(values);
        var start = CdrAlignment.Align(_position, Unsafe.SizeOf<T>());
        if (start + bytes.Length > _buffer.Length)
        {
            ThrowTooSmall(start + bytes.Length);
        }

        _buffer[_position..start].Clear();

        // This runtime only runs on little-endian hosts (checked in CdrSerializer), so elements copy as a block.
        bytes.CopyTo(_buffer[start..]);
        _position = start + bytes.Length;
    }

    public void WriteSequence<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        WriteUInt32((uint)values.Length);
        WriteArray(values);
    }

    public void WriteSequenceLength(int count) => WriteUInt32((uint)count);

    private readonly void ThrowTooSmall(int needed) =>
        throw new MessageEncodeException($"CDR buffer too small: need {needed} bytes, have {_buffer.Length} (size it with CdrSizer)");
}
