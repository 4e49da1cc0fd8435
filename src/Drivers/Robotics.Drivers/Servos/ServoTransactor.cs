using Robotics.Drivers.Channels;

namespace Robotics.Drivers.Servos;

/// <summary>
/// The engine under both buses: writes an instruction packet, then collects the status packets it asked for until
/// they are all in or the deadline passes. Every loop is bounded: by the deadline, by the channel returning 0 on its
/// own timeout, and by a byte budget (a babbling bus cannot keep it reading), so a fake clock cannot hang it either.
/// Allocation-free: buffers are made once.
/// </summary>
internal sealed class ServoTransactor
{
    private readonly IByteChannel _channel;
    private readonly IServoFraming _framing;
    private readonly ServoBusOptions _options;
    private readonly TimeProvider _time;
    private readonly ServoPacketDecoder _decoder;
    private readonly byte[] _request;
    private readonly long _ticksPerByte;

    public ServoTransactor(IByteChannel channel, IServoFraming framing, ServoBusOptions options, TimeProvider time)
    {
        if (channel.BaudRate <= 0)
        {
            throw new ArgumentException($"channel {channel.Name} reports baud rate {channel.BaudRate}; a transaction cannot be timed", nameof(channel));
        }

        _channel = channel;
        _framing = framing;
        _options = options;
        _time = time;
        _decoder = framing.CreateReplyDecoder();
        _request = new byte[framing.MaxRequestLength];

        // 8N1 framing puts 10 bits on the wire per byte (start + 8 data + stop).
        _ticksPerByte = Math.Max(1, 10 * TimeSpan.TicksPerSecond / channel.BaudRate);
    }

    public ServoBusCounters Counters { get; } = new();

    /// <summary>Where the next instruction packet is built.</summary>
    public Span<byte> Request => _request;

    /// <summary>Drops stale input (a late reply to an earlier transaction) and writes the packet built in <see cref="Request"/>.</summary>
    public void Send(int length)
    {
        _channel.DiscardInput();
        _decoder.Clear();
        _channel.Write(_request.AsSpan(0, length));
        Counters.Transaction();
    }

    /// <summary>Reply deadline: wire time of the request and the replies, one return delay per reply, the host latency.</summary>
    public TimeSpan Budget(int requestLength, int replies, int replyParameters)
    {
        var wireBytes = requestLength + ((long)replies * _framing.StatusWireLength(replyParameters));
        return TimeSpan.FromTicks(wireBytes * _ticksPerByte) + (replies * _options.ReturnDelay) + _options.HostLatency;
    }

    /// <summary>
    /// Collects one status packet from each of <paramref name="ids"/>, each carrying exactly <paramref name="length"/>
    /// parameter bytes (copied to <paramref name="destination"/>[i*length ..]); outcomes go to <paramref name="replies"/>.
    /// Replies may come in any order; packets from other ids are counted and skipped.
    /// </summary>
    public void Receive(ReadOnlySpan<byte> ids, int length, Span<byte> destination, Span<ServoReply> replies, TimeSpan budget) =>
        Receive(ids, length, [], destination, replies, budget);

    /// <summary>
    /// As above with a length per servo (bulk read): servo i carries <paramref name="lengths"/>[i] bytes, stored after
    /// those of the servos before it.
    /// </summary>
    public void Receive(ReadOnlySpan<byte> ids, ReadOnlySpan<ushort> lengths, Span<byte> destination, Span<ServoReply> replies, TimeSpan budget) =>
        Receive(ids, 0, lengths, destination, replies, budget);

    /// <summary>Wire time of <paramref name="bytes"/> bytes at the channel's baud rate.</summary>
    public TimeSpan WireTime(int bytes) => TimeSpan.FromTicks(bytes * _ticksPerByte);

    private void Receive(ReadOnlySpan<byte> ids, int length, ReadOnlySpan<ushort> lengths, Span<byte> destination, Span<ServoReply> replies, TimeSpan budget)
    {
        Span<bool> received = stackalloc bool[ids.Length];
        Span<int> offsets = stackalloc int[ids.Length + 1];
        for (var i = 0; i < ids.Length; i++)
        {
            offsets[i + 1] = offsets[i] + (lengths.IsEmpty ? length : lengths[i]);
        }

        var pending = ids.Length;
        var problem = ServoError.None;

        // Four times what the replies could occupy (stuffing included), plus room for a stale packet: beyond that
        // the bus is babbling and reading on would only let garbage extend the transaction.
        var byteBudget = (4L * ((ids.Length * _framing.StatusWireLength(0)) + offsets[ids.Length])) + 256;
        long bytesRead = 0;
        var start = _time.GetTimestamp();
        while (pending > 0)
        {
            var status = _decoder.TryDecode(out var packet);
            if (status == DecodeStatus.Packet)
            {
                if (!packet.HasStatusByte)
                {
                    continue; // an instruction packet (an adapter echoing our own request): not a reply, not a fault
                }

                var index = ids.IndexOf(packet.Id);
                if (index < 0 || received[index])
                {
                    Counters.WrongIdSeen();
                    problem = ServoError.WrongId;
                    continue;
                }

                received[index] = true;
                pending--;
                var expected = offsets[index + 1] - offsets[index];
                var reply = _framing.Interpret(packet.Id, packet.StatusByte);
                if (reply.Error == ServoError.None && packet.Parameters.Length != expected)
                {
                    reply = reply with { Error = ServoError.BadLength };
                }
                else if (reply.Error == ServoError.None)
                {
                    packet.Parameters.CopyTo(destination.Slice(offsets[index], expected));
                }

                replies[index] = reply;
                continue;
            }

            if (status == DecodeStatus.Rejected)
            {
                problem = _decoder.LastRejection;
                continue;
            }

            var remaining = budget - _time.GetElapsedTime(start);
            if (remaining <= TimeSpan.Zero || bytesRead > byteBudget)
            {
                break;
            }

            var n = _channel.Read(_decoder.GetAppendSpan(), remaining);
            if (n == 0)
            {
                break; // the channel waited the whole remaining time: deadline
            }

            _decoder.Commit(n);
            bytesRead += n;
        }

        if (pending == 0)
        {
            return;
        }

        var why = bytesRead > byteBudget ? ServoError.Malformed
            : _decoder.HasPartialPacket ? ServoError.Truncated
            : problem != ServoError.None ? problem
            : ServoError.Timeout;
        for (var i = 0; i < ids.Length; i++)
        {
            if (!received[i])
            {
                replies[i] = ServoReply.Failed(ids[i], why);
            }
        }
    }
}
