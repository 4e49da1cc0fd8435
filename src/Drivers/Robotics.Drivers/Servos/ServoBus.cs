using Robotics.Drivers.Channels;

namespace Robotics.Drivers.Servos;

/// <summary>
/// The <see cref="IServoBus"/> behaviour both protocols share: argument checks, reply deadlines, the one-retry rule
/// for reads, counters. <see cref="Dynamixel.DynamixelBus"/> and <see cref="Feetech.FeetechBus"/> add their packet
/// formats, register maps and protocol-specific instructions. Steady-state calls allocate nothing.
/// </summary>
public abstract class ServoBus : IServoBus
{
    private readonly IServoFraming _framing;
    private readonly byte[] _syncScratch = new byte[(ServoIds.MaxId + 1) * 4];
    private readonly ServoReply[] _oneReply = new ServoReply[1];
    private readonly byte[] _oneId = new byte[1];
    private byte[] _retryBytes = new byte[(ServoIds.MaxId + 1) * 4];

    private protected ServoBus(IByteChannel channel, IServoFraming framing, ServoBusOptions? options, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(channel);
        Channel = channel;
        Options = options ?? new ServoBusOptions();
        _framing = framing;
        Transactor = new ServoTransactor(channel, framing, Options, time ?? TimeProvider.System);
    }

    public string ProtocolName => _framing.ProtocolName;

    public ServoBusOptions Options { get; }

    /// <summary>The channel the bus talks over; whoever created it disposes it, after the bus is no longer used.</summary>
    public IByteChannel Channel { get; }

    public ServoBusStatistics Statistics => Transactor.Counters.Snapshot();

    private protected ServoTransactor Transactor { get; }

    /// <summary>Present position register (Dynamixel 132, 4 bytes; Feetech 56, 2 bytes sign-magnitude).</summary>
    protected abstract ServoRegister PresentPositionRegister { get; }

    /// <summary>Goal position register (Dynamixel 116, 4 bytes; Feetech 42, 2 bytes sign-magnitude).</summary>
    protected abstract ServoRegister GoalPositionRegister { get; }

    public ServoReply Ping(byte id) => PingCore(id, Options.ReadRetries, Span<byte>.Empty);

    public IReadOnlyList<ServoScanResult> Scan(byte firstId = 0, byte lastId = ServoIds.MaxId)
    {
        ServoIds.Check(firstId, nameof(firstId));
        ServoIds.Check(lastId, nameof(lastId));
        if (firstId > lastId)
        {
            throw new ArgumentException($"scan range {firstId} .. {lastId} is empty (first id after last id)", nameof(firstId));
        }

        var found = new List<ServoScanResult>();
        for (var id = firstId; id <= lastId; id++)
        {
            // No retry while scanning: an absent id would cost two deadlines, and 250 of them are usually absent.
            if (TryIdentify(id) is { } result)
            {
                found.Add(result);
            }

            if (id == lastId)
            {
                break; // byte loop: lastId may be 252, the loop variable must not wrap
            }
        }

        // Arms number their servos 1..N, so a gap between 1 and the highest id found is more likely a late first reply
        // (a process or an adapter waking up) than a missing servo: those few ids get a second look.
        var highest = found.Count == 0 ? firstId : found.Max(r => r.Id);
        for (var id = Math.Max(firstId, (byte)1); id < highest; id++)
        {
            if (!found.Exists(r => r.Id == id) && TryIdentify(id) is { } late)
            {
                found.Add(late);
            }
        }

        found.Sort((a, b) => a.Id.CompareTo(b.Id));
        return found;
    }

    public ServoReply Read(byte id, ushort address, Span<byte> destination)
    {
        ServoIds.Check(id, nameof(id));
        CheckRange(address, destination.Length, nameof(destination));
        CheckReadLength(destination.Length, nameof(destination));
        var length = _framing.EncodeRead(Transactor.Request, id, address, destination.Length);
        return Exchange(length, id, destination, Options.ReadRetries);
    }

    public ServoReply Write(byte id, ushort address, ReadOnlySpan<byte> data)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        CheckRange(address, data.Length, nameof(data));
        var length = _framing.EncodeWrite(Transactor.Request, id, address, data);
        if (id == ServoIds.Broadcast || !Options.WritesAcknowledged)
        {
            Transactor.Send(length);
            return ServoReply.Unacknowledged(id);
        }

        // Never retried (SAFETY 31): a repeated write lands late, and a goal replayed late is worse than a lost one.
        return Exchange(length, id, Span<byte>.Empty, retries: 0);
    }

    public ServoReply ReadRegister(byte id, ServoRegister item, out long value)
    {
        Span<byte> bytes = stackalloc byte[4];
        bytes = bytes[..CheckRegister(item)];
        var reply = Read(id, item.Address, bytes);
        value = reply.IsOk ? item.Decode(bytes) : 0;
        return reply;
    }

    public ServoReply WriteRegister(byte id, ServoRegister item, long value)
    {
        Span<byte> bytes = stackalloc byte[4];
        bytes = bytes[..CheckRegister(item)];
        if (item.Access != RegisterAccess.ReadWrite)
        {
            throw new ArgumentException($"register {item} is read-only", nameof(item));
        }

        item.Encode(value, bytes);
        return Write(id, item.Address, bytes);
    }

    public int SyncRead(ushort address, int length, ReadOnlySpan<byte> ids, Span<byte> destination, Span<ServoReply> replies)
    {
        ServoIds.CheckList(ids, nameof(ids));
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        CheckRange(address, length, nameof(length));
        CheckReadLength(length, nameof(length));
        if (destination.Length != ids.Length * length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; {ids.Length} servos x {length} bytes need {ids.Length * length}", nameof(destination));
        }

        if (replies.Length != ids.Length)
        {
            throw new ArgumentException($"replies holds {replies.Length} entries for {ids.Length} servo ids", nameof(replies));
        }

        SyncReadOnce(address, length, ids, destination, replies);
        var failed = CountFailedReads(replies);
        if (failed > 0 && Options.ReadRetries > 0)
        {
            failed = RetryFailed(address, length, ids, destination, replies, failed);
        }

        Transactor.Counters.Outcome(failed == 0);
        return ids.Length - failed;
    }

    public void SyncWrite(ushort address, int length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data)
    {
        ServoIds.CheckList(ids, nameof(ids));
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        CheckRange(address, length, nameof(length));
        if (data.Length != ids.Length * length)
        {
            throw new ArgumentException($"data holds {data.Length} bytes; {ids.Length} servos x {length} bytes need {ids.Length * length}", nameof(data));
        }

        // One broadcast packet, no reply, never retried (SAFETY 31).
        Transactor.Send(_framing.EncodeSyncWrite(Transactor.Request, address, length, ids, data));
    }

    public int SyncReadPresentPositions(ReadOnlySpan<byte> ids, Span<int> ticks, Span<ServoReply> replies)
    {
        if (ticks.Length != ids.Length)
        {
            throw new ArgumentException($"ticks holds {ticks.Length} entries for {ids.Length} servo ids", nameof(ticks));
        }

        var register = PresentPositionRegister;
        var raw = _syncScratch.AsSpan(0, ids.Length * register.Size);
        var ok = SyncRead(register.Address, register.Size, ids, raw, replies);
        for (var i = 0; i < ids.Length; i++)
        {
            ticks[i] = replies[i].IsOk ? (int)register.Decode(raw.Slice(i * register.Size, register.Size)) : 0;
        }

        return ok;
    }

    public void SyncWriteGoalPositions(ReadOnlySpan<byte> ids, ReadOnlySpan<int> ticks)
    {
        ServoIds.CheckList(ids, nameof(ids));
        if (ticks.Length != ids.Length)
        {
            throw new ArgumentException($"ticks holds {ticks.Length} goals for {ids.Length} servo ids", nameof(ticks));
        }

        var register = GoalPositionRegister;
        var raw = _syncScratch.AsSpan(0, ids.Length * register.Size);
        for (var i = 0; i < ids.Length; i++)
        {
            if (ticks[i] < register.MinValue || ticks[i] > register.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(ticks), ticks[i], $"goal for servo {ids[i]} (index {i}) is outside {register} range {register.MinValue} .. {register.MaxValue}");
            }

            register.Encode(ticks[i], raw.Slice(i * register.Size, register.Size));
        }

        SyncWrite(register.Address, register.Size, ids, raw);
    }

    /// <summary>Pings <paramref name="id"/> and, if it answers, identifies it (model number, firmware); null when absent.</summary>
    private protected abstract ServoScanResult? TryIdentify(byte id);

    /// <summary>Ping with the protocol's reply parameters copied to <paramref name="parameters"/> (length must match).</summary>
    private protected ServoReply PingCore(byte id, int retries, Span<byte> parameters)
    {
        ServoIds.Check(id, nameof(id));
        var length = _framing.EncodePing(Transactor.Request, id);
        Span<byte> scratch = stackalloc byte[4];
        var target = parameters.IsEmpty ? scratch[.._framing.PingParameterCount] : parameters;
        return Exchange(length, id, target, retries);
    }

    /// <summary>Sends the packet built in the request buffer and waits for one status packet carrying exactly <paramref name="parameters"/>.Length bytes.</summary>
    private protected ServoReply Exchange(int requestLength, byte id, Span<byte> parameters, int retries)
    {
        _oneId[0] = id;
        var budget = Transactor.Budget(requestLength, 1, parameters.Length);
        for (var attempt = 0; ; attempt++)
        {
            Transactor.Send(requestLength);
            Transactor.Receive(_oneId, parameters.Length, parameters, _oneReply, budget);
            var reply = _oneReply[0];
            Transactor.Counters.Reply(reply);
            if (!IsRetryable(reply) || attempt >= retries)
            {
                Transactor.Counters.Outcome(reply.IsOk);
                return reply;
            }

            Transactor.Counters.Retry();
        }
    }

    private void SyncReadOnce(ushort address, int length, ReadOnlySpan<byte> ids, Span<byte> destination, Span<ServoReply> replies)
    {
        var requestLength = _framing.EncodeSyncRead(Transactor.Request, address, length, ids);
        Transactor.Send(requestLength);
        Transactor.Receive(ids, length, destination, replies, Transactor.Budget(requestLength, ids.Length, length));
        foreach (var reply in replies)
        {
            Transactor.Counters.Reply(reply);
        }
    }

    private int RetryFailed(ushort address, int length, ReadOnlySpan<byte> ids, Span<byte> destination, Span<ServoReply> replies, int failed)
    {
        Span<byte> retryIds = stackalloc byte[failed];
        var n = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (IsRetryable(replies[i]))
            {
                retryIds[n++] = ids[i];
            }
        }

        if (n == 0)
        {
            return failed; // only refusals: the device would refuse again
        }

        if (_retryBytes.Length < n * length)
        {
            _retryBytes = new byte[n * length]; // grows once to the largest retry seen, then steady state allocates nothing
        }

        Span<ServoReply> retryReplies = stackalloc ServoReply[n];
        var retryData = _retryBytes.AsSpan(0, n * length);
        Transactor.Counters.Retry();
        SyncReadOnce(address, length, retryIds[..n], retryData, retryReplies);
        for (var k = 0; k < n; k++)
        {
            var index = ids.IndexOf(retryIds[k]);
            replies[index] = retryReplies[k];
            if (retryReplies[k].IsOk)
            {
                retryData.Slice(k * length, length).CopyTo(destination.Slice(index * length, length));
            }
        }

        return CountFailedReads(replies);
    }

    private static int CountFailedReads(ReadOnlySpan<ServoReply> replies)
    {
        var failed = 0;
        foreach (var reply in replies)
        {
            if (!reply.IsOk)
            {
                failed++;
            }
        }

        return failed;
    }

    /// <summary>Communication failures are retried; a device that refused the instruction would refuse it again.</summary>
    private static bool IsRetryable(in ServoReply reply) => reply.Error is not (ServoError.None or ServoError.DeviceRejected);

    private static int CheckRegister(ServoRegister item)
    {
        if (item.Name is null)
        {
            throw new ArgumentException("register is default(ServoRegister); use a control-table entry", nameof(item));
        }

        return item.Size;
    }

    private void CheckReadLength(int length, string paramName)
    {
        if (length > _framing.MaxReadLength)
        {
            throw new ArgumentException($"{length} bytes is more than one {ProtocolName} reply carries here ({_framing.MaxReadLength}); read in parts", paramName);
        }
    }

    private void CheckRange(ushort address, int length, string paramName)
    {
        if (length < 1 || address + length - 1 > _framing.MaxAddress)
        {
            throw new ArgumentException($"{length} bytes at address {address} do not fit {ProtocolName} addresses 0 .. {_framing.MaxAddress}", paramName);
        }
    }
}
