using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Feetech;

/// <summary>
/// Builds each Feetech instruction with the SCServo SDK's parameter layout (one-byte addresses and lengths; sync
/// packets to the broadcast id). Each returns the packet length.
/// </summary>
public static class FeetechInstructions
{
    private const int P = FeetechPacketWriter.PrefixLength + 1; // first parameter byte

    public static int Ping(Span<byte> destination, byte id) =>
        FeetechPacketWriter.EncodeInstruction(destination, id, FeetechInstruction.Ping, []);

    /// <summary>Read: parameters address, length.</summary>
    public static int Read(Span<byte> destination, byte id, byte address, byte length)
    {
        ServoIds.Check(id, nameof(id));
        ArgumentOutOfRangeException.ThrowIfZero(length);
        return FeetechPacketWriter.EncodeInstruction(destination, id, FeetechInstruction.Read, [address, length]);
    }

    /// <summary>Write: parameters address, data.</summary>
    public static int Write(Span<byte> destination, byte id, byte address, ReadOnlySpan<byte> data) =>
        AddressAndData(destination, id, FeetechInstruction.Write, address, data);

    public static int RegWrite(Span<byte> destination, byte id, byte address, ReadOnlySpan<byte> data) =>
        AddressAndData(destination, id, FeetechInstruction.RegWrite, address, data);

    public static int Action(Span<byte> destination, byte id) =>
        FeetechPacketWriter.EncodeInstruction(destination, id, FeetechInstruction.Action, []);

    /// <summary>Sync Read: parameters address, length, then the ids; each servo answers with its own reply, in that order.</summary>
    public static int SyncRead(Span<byte> destination, byte address, byte length, ReadOnlySpan<byte> ids)
    {
        ServoIds.CheckList(ids, nameof(ids));
        ArgumentOutOfRangeException.ThrowIfZero(length);
        var count = 2 + ids.Length;
        FeetechPacketWriter.EnsureRoom(destination, count);
        destination[P] = address;
        destination[P + 1] = length;
        ids.CopyTo(destination[(P + 2)..]);
        return FeetechPacketWriter.Finish(destination, ServoIds.Broadcast, (byte)FeetechInstruction.SyncRead, count);
    }

    /// <summary>Sync Write: parameters address, length, then per servo its id and <paramref name="length"/> bytes (servo i at data[i*length ..]).</summary>
    public static int SyncWrite(Span<byte> destination, byte address, byte length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data)
    {
        ServoIds.CheckList(ids, nameof(ids));
        ArgumentOutOfRangeException.ThrowIfZero(length);
        if (data.Length != ids.Length * length)
        {
            throw new ArgumentException($"data holds {data.Length} bytes; {ids.Length} servos x {length} bytes need {ids.Length * length}", nameof(data));
        }

        var count = 2 + (ids.Length * (1 + length));
        FeetechPacketWriter.EnsureRoom(destination, count);
        destination[P] = address;
        destination[P + 1] = length;
        var w = P + 2;
        for (var i = 0; i < ids.Length; i++)
        {
            destination[w++] = ids[i];
            data.Slice(i * length, length).CopyTo(destination[w..]);
            w += length;
        }

        return FeetechPacketWriter.Finish(destination, ServoIds.Broadcast, (byte)FeetechInstruction.SyncWrite, count);
    }

    private static int AddressAndData(Span<byte> destination, byte id, FeetechInstruction instruction, byte address, ReadOnlySpan<byte> data)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        if (data.IsEmpty)
        {
            throw new ArgumentException("a write needs at least one data byte", nameof(data));
        }

        FeetechPacketWriter.EnsureRoom(destination, 1 + data.Length);
        destination[P] = address;
        data.CopyTo(destination[(P + 1)..]);
        return FeetechPacketWriter.Finish(destination, id, (byte)instruction, 1 + data.Length);
    }
}
