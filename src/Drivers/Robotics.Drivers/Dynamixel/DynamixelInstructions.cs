using System.Buffers.Binary;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Builds each Protocol 2.0 instruction packet with the parameter layout of the e-manual ("Instruction Details"):
/// addresses and lengths little-endian, sync/bulk packets to the broadcast id. Each returns the packet length.
/// </summary>
public static class DynamixelInstructions
{
    private const int P = DynamixelPacketWriter.PrefixLength + 1; // first parameter byte

    public static int Ping(Span<byte> destination, byte id) =>
        DynamixelPacketWriter.EncodeInstruction(destination, id, DynamixelInstruction.Ping, []);

    /// <summary>Read <paramref name="length"/> bytes from <paramref name="address"/>: parameters address(2) length(2).</summary>
    public static int Read(Span<byte> destination, byte id, ushort address, ushort length)
    {
        ServoIds.Check(id, nameof(id));
        ArgumentOutOfRangeException.ThrowIfZero(length);
        DynamixelPacketWriter.EnsureRoom(destination, 5);
        destination[P - 1] = (byte)DynamixelInstruction.Read;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[P..], address);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[(P + 2)..], length);
        return DynamixelPacketWriter.Finish(destination, id, 5);
    }

    /// <summary>Write <paramref name="data"/> at <paramref name="address"/>: parameters address(2) data.</summary>
    public static int Write(Span<byte> destination, byte id, ushort address, ReadOnlySpan<byte> data) =>
        AddressAndData(destination, id, DynamixelInstruction.Write, address, data);

    /// <summary>Like <see cref="Write"/>, held until <see cref="Action"/>.</summary>
    public static int RegWrite(Span<byte> destination, byte id, ushort address, ReadOnlySpan<byte> data) =>
        AddressAndData(destination, id, DynamixelInstruction.RegWrite, address, data);

    public static int Action(Span<byte> destination, byte id) =>
        DynamixelPacketWriter.EncodeInstruction(destination, id, DynamixelInstruction.Action, []);

    public static int Reboot(Span<byte> destination, byte id) =>
        DynamixelPacketWriter.EncodeInstruction(destination, id, DynamixelInstruction.Reboot, []);

    public static int FactoryReset(Span<byte> destination, byte id, DynamixelResetScope scope)
    {
        if (scope is not (DynamixelResetScope.All or DynamixelResetScope.AllExceptId or DynamixelResetScope.AllExceptIdAndBaudRate))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "factory reset scope must be All, AllExceptId or AllExceptIdAndBaudRate");
        }

        return DynamixelPacketWriter.EncodeInstruction(destination, id, DynamixelInstruction.FactoryReset, [(byte)scope]);
    }

    /// <summary>Sync Read: parameters address(2) length(2) then one id per servo; each answers in that order.</summary>
    public static int SyncRead(Span<byte> destination, ushort address, ushort length, ReadOnlySpan<byte> ids)
    {
        ServoIds.CheckList(ids, nameof(ids));
        ArgumentOutOfRangeException.ThrowIfZero(length);
        var region = 5 + ids.Length;
        DynamixelPacketWriter.EnsureRoom(destination, region);
        destination[P - 1] = (byte)DynamixelInstruction.SyncRead;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[P..], address);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[(P + 2)..], length);
        ids.CopyTo(destination[(P + 4)..]);
        return DynamixelPacketWriter.Finish(destination, ServoIds.Broadcast, region);
    }

    /// <summary>
    /// Sync Write: parameters address(2) length(2) then, per servo, its id and <paramref name="length"/> bytes taken
    /// from <paramref name="data"/> (servo i at data[i*length ..]).
    /// </summary>
    public static int SyncWrite(Span<byte> destination, ushort address, ushort length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data)
    {
        ServoIds.CheckList(ids, nameof(ids));
        ArgumentOutOfRangeException.ThrowIfZero(length);
        if (data.Length != ids.Length * length)
        {
            throw new ArgumentException($"data holds {data.Length} bytes; {ids.Length} servos x {length} bytes need {ids.Length * length}", nameof(data));
        }

        var region = 5 + (ids.Length * (1 + length));
        DynamixelPacketWriter.EnsureRoom(destination, region);
        destination[P - 1] = (byte)DynamixelInstruction.SyncWrite;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[P..], address);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[(P + 2)..], length);
        var w = P + 4;
        for (var i = 0; i < ids.Length; i++)
        {
            destination[w++] = ids[i];
            data.Slice(i * length, length).CopyTo(destination[w..]);
            w += length;
        }

        return DynamixelPacketWriter.Finish(destination, ServoIds.Broadcast, region);
    }

    /// <summary>Bulk Read: per servo id, address(2), length(2); each answers in that order, each id at most once.</summary>
    public static int BulkRead(Span<byte> destination, ReadOnlySpan<DynamixelBulkReadEntry> entries)
    {
        if (entries.IsEmpty)
        {
            throw new ArgumentException("at least one bulk read entry is needed", nameof(entries));
        }

        Span<byte> ids = stackalloc byte[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Length == 0)
            {
                throw new ArgumentException($"bulk read entry {i} (servo {entries[i].Id}) has length 0", nameof(entries));
            }

            ids[i] = entries[i].Id;
        }

        ServoIds.CheckList(ids, nameof(entries));
        var region = 1 + (5 * entries.Length);
        DynamixelPacketWriter.EnsureRoom(destination, region);
        destination[P - 1] = (byte)DynamixelInstruction.BulkRead;
        var w = P;
        foreach (var entry in entries)
        {
            destination[w] = entry.Id;
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(w + 1)..], entry.Address);
            BinaryPrimitives.WriteUInt16LittleEndian(destination[(w + 3)..], entry.Length);
            w += 5;
        }

        return DynamixelPacketWriter.Finish(destination, ServoIds.Broadcast, region);
    }

    private static int AddressAndData(Span<byte> destination, byte id, DynamixelInstruction instruction, ushort address, ReadOnlySpan<byte> data)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        if (data.IsEmpty)
        {
            throw new ArgumentException("a write needs at least one data byte", nameof(data));
        }

        var region = 3 + data.Length;
        DynamixelPacketWriter.EnsureRoom(destination, region);
        destination[P - 1] = (byte)instruction;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[P..], address);
        data.CopyTo(destination[(P + 2)..]);
        return DynamixelPacketWriter.Finish(destination, id, region);
    }
}
