namespace Robotics.Drivers.Servos;

/// <summary>
/// Streaming packet decoder: bytes go in as they arrive (any chunking, partial packets, garbage between packets),
/// packets come out one <see cref="TryDecode"/> at a time. It never throws for bad bytes: a candidate packet that fails
/// a check is reported as <see cref="DecodeStatus.Rejected"/> with <see cref="LastRejection"/>, and decoding
/// resynchronises one byte later. Allocation-free after construction; not thread-safe (one bus owner).
/// </summary>
public abstract class ServoPacketDecoder
{
    private readonly byte[] _buffer;
    private int _start;
    private int _end;

    /// <param name="maxPacketLength">Longest packet accepted, header to checksum; a longer length field is rejected.</param>
    /// <param name="headerLength">Bytes that identify a packet start (used to tell a truncated packet from garbage).</param>
    protected ServoPacketDecoder(int maxPacketLength, int headerLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPacketLength, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPacketLength, 1 << 20);
        MaxPacketLength = maxPacketLength;
        HeaderLength = headerLength;

        // Twice the largest packet: after draining, fewer than MaxPacketLength bytes stay buffered, so an append
        // always has room for at least one more whole packet.
        _buffer = new byte[2 * maxPacketLength];
    }

    /// <summary>Longest packet accepted, in bytes on the wire.</summary>
    public int MaxPacketLength { get; }

    /// <summary>Bytes received but not yet decoded or dropped.</summary>
    public int BufferedCount => _end - _start;

    /// <summary>
    /// True when the last <see cref="TryDecode"/> stopped inside a packet whose header was seen: if no more bytes
    /// come, the packet was truncated.
    /// </summary>
    public bool HasPartialPacket { get; private set; }

    /// <summary>Why the last <see cref="DecodeStatus.Rejected"/> happened.</summary>
    public ServoError LastRejection { get; private set; }

    /// <summary>Bytes dropped since construction: garbage before headers and the first byte of each rejected candidate.</summary>
    public long DiscardedBytes { get; private set; }

    /// <summary>Bytes in <see cref="HeaderLength"/> that identify a packet start.</summary>
    protected int HeaderLength { get; }

    /// <summary>Free space to receive into (for example straight from the channel); follow with <see cref="Commit"/>.</summary>
    public Span<byte> GetAppendSpan()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        return _buffer.AsSpan(_end);
    }

    /// <summary>Marks <paramref name="count"/> bytes written into the span from <see cref="GetAppendSpan"/> as received.</summary>
    public void Commit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <summary>Copies as much of <paramref name="data"/> as fits and returns how many bytes were taken.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        var free = GetAppendSpan();
        var n = Math.Min(free.Length, data.Length);
        data[..n].CopyTo(free);
        _end += n;
        return n;
    }

    /// <summary>Decodes the next packet if one is complete. Every call that does not return NeedMoreData drops at least one byte.</summary>
    public DecodeStatus TryDecode(out ServoPacketView packet)
    {
        var status = Parse(_buffer.AsSpan(_start, _end - _start), out packet, out var garbage, out var consumed, out var rejection);
        if (consumed < 0 || consumed > _end - _start || garbage < 0 || garbage > consumed || (status != DecodeStatus.NeedMoreData && consumed == 0))
        {
            throw new InvalidOperationException($"{GetType().Name}.Parse consumed {consumed} of {_end - _start} bytes ({garbage} garbage) for {status}");
        }

        _start += consumed;
        DiscardedBytes += status == DecodeStatus.Packet ? garbage : consumed;

        if (_start == _end)
        {
            _start = _end = 0;
        }

        HasPartialPacket = status == DecodeStatus.NeedMoreData && _end - _start >= HeaderLength;
        if (status == DecodeStatus.Rejected)
        {
            LastRejection = rejection;
        }

        return status;
    }

    /// <summary>Drops everything buffered (before a new transaction, after a timeout).</summary>
    public void Clear()
    {
        DiscardedBytes += _end - _start;
        _start = _end = 0;
        HasPartialPacket = false;
    }

    /// <summary>
    /// Looks for one packet at the start of <paramref name="buffer"/>. <paramref name="consumed"/> is the number of
    /// bytes to drop: garbage (NeedMoreData), garbage plus one byte of a failed candidate (Rejected), or garbage plus
    /// the whole packet (Packet); <paramref name="garbage"/> is the part before the candidate's header. Bytes of a
    /// packet may be rewritten in place (unstuffing).
    /// </summary>
    protected abstract DecodeStatus Parse(Span<byte> buffer, out ServoPacketView packet, out int garbage, out int consumed, out ServoError rejection);
}
