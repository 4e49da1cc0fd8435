namespace Robotics.Messages.Cdr;

/// <summary>
/// The sink that generated <c>Serialize</c> methods write to. Two implementations share one generated method:
/// <see cref="CdrWriter"/> (bytes) and <see cref="CdrSizer"/> (only counts, for sizing the buffer first).
/// Alignment follows XCDR1: every primitive aligned to its size (max 8) relative to the byte after the header.
/// </summary>
public interface ICdrWriter
{
    void WriteBool(bool value);

    void WriteUInt8(byte value);

    void WriteInt8(sbyte value);

    void WriteInt16(short value);

    void WriteUInt16(ushort value);

    void WriteInt32(int value);

    void WriteUInt32(uint value);

    void WriteInt64(long value);

    void WriteUInt64(ulong value);

    void WriteFloat32(float value);

    void WriteFloat64(double value);

    /// <summary>u32 length including the NUL, UTF-8 bytes, NUL.</summary>
    void WriteString(string? value);

    /// <summary>Elements only (fixed arrays <c>T[N]</c>).</summary>
    void WriteArray<T>(ReadOnlySpan<T> values)
        where T : unmanaged;

    /// <summary>u32 count then elements (<c>T[]</c> and <c>T[&lt;=N]</c>).</summary>
    void WriteSequence<T>(ReadOnlySpan<T> values)
        where T : unmanaged;

    /// <summary>The u32 count that precedes a sequence of strings or nested messages.</summary>
    void WriteSequenceLength(int count);
}
