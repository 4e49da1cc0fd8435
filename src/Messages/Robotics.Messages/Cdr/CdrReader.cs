using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Robotics.Messages.Cdr;

/// <summary>
/// Reads an XCDR1 body in either byte order. Every read is bounds-checked; any inconsistency throws
/// <see cref="MessageDecodeException"/> with the body offset, never anything else, so untrusted bytes are safe.
/// </summary>
public ref struct CdrReader
{
    // Strict: invalid UTF-8 is a decode error rather than silently replaced text.
    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly bool _bigEndian;
    private int _position;

    public CdrReader(ReadOnlySpan<byte> body, bool bigEndian = false)
    {
        _buffer = body;
        _bigEndian = bigEndian;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int size)
    {
        var start = CdrAlignment.Align(_position, size);
        if ((uint)start + (uint)size > (uint)_buffer.Length)
        {
            ThrowTruncated(start, size);
        }

        _position = start + size;
        return _buffer.Slice(start, size);
    }

    public bool ReadBool() => Take(1)[0] != 0;

    public byte ReadUInt8() => Take(1)[0];

    public sbyte ReadInt8() => unchecked((sbyte)Take(1)[0]);

    public short ReadInt16() => _bigEndian ? BinaryPrimitives.ReadInt16BigEndian(Take(2)) : BinaryPrimitives.ReadInt16LittleEndian(Take(2));

    public ushort ReadUInt16() => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(Take(2)) : BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => _bigEndian ? BinaryPrimitives.ReadInt32BigEndian(Take(4)) : BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(Take(4)) : BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(Take(8)) : BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(Take(8)) : BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public float ReadFloat32() => _bigEndian ? BinaryPrimitives.ReadSingleBigEndian(Take(4)) : BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadFloat64() => _bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(Take(8)) : BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads a string; <paramref name="bound"/> &gt; 0 enforces <c>string&lt;=N</c>.</summary>
    public string ReadString(int bound = 0)
    {
        var at = _position;
        var length = ReadUInt32();

        // Some writers send 0 for an empty string instead of 1 (a lone NUL); accept it as rmw_cyclonedds does.
        if (length == 0)
        {
            return string.Empty;
        }

        if (length > (uint)Remaining)
        {
            throw new MessageDecodeException($"string length {length} at offset {at} exceeds the {Remaining} bytes left", at);
        }

        var bytes = TakeBlock(1, (int)length);
        if (bytes[^1] != 0)
        {
            throw new MessageDecodeException($"string at offset {at} is not NUL-terminated", at);
        }

        if (bound > 0 && length - 1 > (uint)bound)
        {
            throw new MessageDecodeException($"string at offset {at} has {length - 1} bytes, more than its bound {bound}", at);
        }

        var text = bytes[..^1];
        if (text.Length <= AsciiStringCache.MaxLength && AsciiStringCache.Get(text) is { } ascii)
        {
            return ascii;
        }

        try
        {
            return _utf8.GetString(text);
        }
        catch (DecoderFallbackException)
        {
            throw new MessageDecodeException($"string at offset {at} is not valid UTF-8", at);
        }
    }

    /// <summary>
    /// Reads the u32 count of a sequence and checks it against the bytes left (at <paramref name="minElementSize"/>
    /// each) and the bound, so a corrupt count can never allocate more than the input could hold.
    /// </summary>
    public int ReadSequenceLength(int minElementSize, int bound = 0)
    {
        var at = _position;
        var count = ReadUInt32();
        if (bound > 0 && count > (uint)bound)
        {
            throw new MessageDecodeException($"sequence at offset {at} has {count} elements, more than its bound {bound}", at);
        }

        if ((ulong)count * (ulong)Math.Max(minElementSize, 0) > (ulong)Remaining)
        {
            throw new MessageDecodeException($"sequence at offset {at} claims {count} elements but only {Remaining} bytes are left", at);
        }

        return (int)count;
    }

    /// <summary>Reads <paramref name="count"/> primitives as one block (<c>T[N]</c>, or the body of a sequence).</summary>
    public T[] ReadArray<T>(int count)
        where T : unmanaged
    {
        if (count == 0)
        {
            return [];
        }

        var size = Unsafe.SizeOf<T>();
        if ((ulong)count * (ulong)size > int.MaxValue)
        {
            ThrowTruncated(_position, int.MaxValue);
        }

        var bytes = TakeBlock(size, count * size);
        var result = GC.AllocateUninitializedArray<T>(count);
        bytes.CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        if (_bigEndian && size > 1)
        {
            ReverseEach(MemoryMarshal.AsBytes(result.AsSpan()), size);
        }

        return result;
    }

    /// <summary>Reads a u32 count and that many primitives.</summary>
    public T[] ReadSequence<T>(int bound = 0)
        where T : unmanaged => ReadArray<T>(ReadSequenceLength(Unsafe.SizeOf<T>(), bound));

    private ReadOnlySpan<byte> TakeBlock(int alignment, int length)
    {
        var start = CdrAlignment.Align(_position, alignment);
        if ((uint)start + (uint)length > (uint)_buffer.Length)
        {
            ThrowTruncated(start, length);
        }

        _position = start + length;
        return _buffer.Slice(start, length);
    }

    private static void ReverseEach(Span<byte> bytes, int size)
    {
        for (var i = 0; i < bytes.Length; i += size)
        {
            bytes.Slice(i, size).Reverse();
        }
    }

    private readonly void ThrowTruncated(int at, int size) =>
        throw new MessageDecodeException($"truncated: {size} bytes needed at offset {at}, {Math.Max(_buffer.Length - at, 0)} left", at);
}
