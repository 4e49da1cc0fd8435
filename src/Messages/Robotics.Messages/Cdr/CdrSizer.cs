using System.Runtime.CompilerServices;
using System.Text;

namespace Robotics.Messages.Cdr;

/// <summary>Walks a message like <see cref="CdrWriter"/> but only counts bytes (body only, no header).</summary>
public struct CdrSizer : ICdrWriter
{
    private int _position;

    public readonly int Size => _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(int size) => _position = CdrAlignment.Align(_position, size) + size;

    public void WriteBool(bool value) => _position++;

    public void WriteUInt8(byte value) => _position++;

    public void WriteInt8(sbyte value) => _position++;

    public void WriteInt16(short value) => Add(2);

    public void WriteUInt16(ushort value) => Add(2);

    public void WriteInt32(int value) => Add(4);

    public void WriteUInt32(uint value) => Add(4);

    public void WriteInt64(long value) => Add(8);

    public void WriteUInt64(ulong value) => Add(8);

    public void WriteFloat32(float value) => Add(4);

    public void WriteFloat64(double value) => Add(8);

    public void WriteString(string? value)
    {
        Add(4);
        _position += (value is null ? 0 : Encoding.UTF8.GetByteCount(value)) + 1;
    }

    public void WriteArray<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        if (values.Length > 0)
        {
            _position = CdrAlignment.Align(_position, Unsafe.SizeOf<T>()) + (values.Length * Unsafe.SizeOf<T>());
        }
    }

    public void WriteSequence<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        Add(4);
        WriteArray(values);
    }

    public void WriteSequenceLength(int count) => Add(4);
}
