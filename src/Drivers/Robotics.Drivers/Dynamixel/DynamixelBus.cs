using System.Buffers.Binary;
using Robotics.Drivers.Channels;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// A Dynamixel Protocol 2.0 bus (X series) over a byte channel: the shared <see cref="IServoBus"/> operations plus
/// ping identification, Hardware Error Status, reboot, factory reset, reg write/action and bulk read.
/// </summary>
public sealed class DynamixelBus : ServoBus
{
    // Same bound as a read: the reply must fit the 1024-byte reply decoder even fully stuffed.
    private const int MaxBulkReadLength = 750;

    public DynamixelBus(IByteChannel channel, ServoBusOptions? options = null, TimeProvider? time = null)
        : base(channel, new DynamixelFraming(), options, time)
    {
    }

    protected override ServoRegister PresentPositionRegister => XSeriesControlTable.PresentPosition;

    protected override ServoRegister GoalPositionRegister => XSeriesControlTable.GoalPosition;

    /// <summary>Pings <paramref name="id"/> and returns what it reports about itself.</summary>
    public ServoReply Ping(byte id, out ushort modelNumber, out byte firmwareVersion)
    {
        Span<byte> parameters = stackalloc byte[3];
        var reply = PingCore(id, Options.ReadRetries, parameters);
        modelNumber = reply.IsOk ? BinaryPrimitives.ReadUInt16LittleEndian(parameters) : (ushort)0;
        firmwareVersion = reply.IsOk ? parameters[2] : (byte)0;
        return reply;
    }

    /// <summary>
    /// Reads Hardware Error Status (register 70): what to do when a reply has the Alert bit (SAFETY 29). The servo
    /// has switched torque off for every bit set in its Shutdown register; only <see cref="Reboot"/> clears it.
    /// </summary>
    public ServoReply ReadHardwareErrorStatus(byte id, out DynamixelHardwareError errors)
    {
        var reply = ReadRegister(id, XSeriesControlTable.HardwareErrorStatus, out var value);
        errors = (DynamixelHardwareError)value;
        return reply;
    }

    /// <summary>Reboots one servo (0xFE: all, no reply). Never sent automatically: only after an operator RESET (SAFETY 30).</summary>
    public ServoReply Reboot(byte id)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        return SendCommand(DynamixelInstructions.Reboot(Transactor.Request, id), id);
    }

    /// <summary>Restores factory values (a broadcast reset of <see cref="DynamixelResetScope.All"/> is ignored by the firmware).</summary>
    public ServoReply FactoryReset(byte id, DynamixelResetScope scope)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        return SendCommand(DynamixelInstructions.FactoryReset(Transactor.Request, id, scope), id);
    }

    /// <summary>Registers a write to be executed by <see cref="Action"/>. Never retried.</summary>
    public ServoReply RegWrite(byte id, ushort address, ReadOnlySpan<byte> data)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        return SendCommand(DynamixelInstructions.RegWrite(Transactor.Request, id, address, data), id);
    }

    /// <summary>Executes registered writes (0xFE: on every servo at once, no reply).</summary>
    public ServoReply Action(byte id)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        return SendCommand(DynamixelInstructions.Action(Transactor.Request, id), id);
    }

    /// <summary>
    /// Bulk Read: each servo its own address and length. Servo i's bytes land in <paramref name="destination"/> at the
    /// sum of the earlier lengths; outcomes in <paramref name="replies"/>[i]. Returns how many succeeded. Not retried:
    /// use it at start-up and for diagnostics, sync read in the loop.
    /// </summary>
    public int BulkRead(ReadOnlySpan<DynamixelBulkReadEntry> entries, Span<byte> destination, Span<ServoReply> replies)
    {
        var total = 0;
        foreach (var entry in entries)
        {
            if (entry.Length > MaxBulkReadLength)
            {
                throw new ArgumentException($"bulk read of servo {entry.Id} asks {entry.Length} bytes; one reply carries at most {MaxBulkReadLength}", nameof(entries));
            }

            total += entry.Length;
        }

        if (destination.Length != total)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the entries ask for {total}", nameof(destination));
        }

        if (replies.Length != entries.Length)
        {
            throw new ArgumentException($"replies holds {replies.Length} entries for {entries.Length} bulk read entries", nameof(replies));
        }

        Span<byte> ids = stackalloc byte[entries.Length];
        Span<ushort> lengths = stackalloc ushort[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            ids[i] = entries[i].Id;
            lengths[i] = entries[i].Length;
        }

        var requestLength = DynamixelInstructions.BulkRead(Transactor.Request, entries);
        Transactor.Send(requestLength);

        // One deadline for the whole answer: status overhead and return delay per servo, plus every data byte.
        var budget = Transactor.Budget(requestLength, entries.Length, 0) + Transactor.WireTime(total + (total / 3));
        Transactor.Receive(ids, lengths, destination, replies, budget);
        var ok = 0;
        foreach (var reply in replies)
        {
            Transactor.Counters.Reply(reply);
            ok += reply.IsOk ? 1 : 0;
        }

        Transactor.Counters.Outcome(ok == entries.Length);
        return ok;
    }

    private protected override ServoScanResult? TryIdentify(byte id)
    {
        Span<byte> parameters = stackalloc byte[3];
        var reply = PingCore(id, retries: 0, parameters);
        return reply.IsOk ? new ServoScanResult(id, BinaryPrimitives.ReadUInt16LittleEndian(parameters), parameters[2], 0) : null;
    }

    private ServoReply SendCommand(int requestLength, byte id)
    {
        if (id == ServoIds.Broadcast || !Options.WritesAcknowledged)
        {
            Transactor.Send(requestLength);
            return ServoReply.Unacknowledged(id);
        }

        return Exchange(requestLength, id, Span<byte>.Empty, retries: 0);
    }
}
