using System.Buffers.Binary;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Frames Dynamixel Protocol 2.0 packets: FF FF FD 00, id, length (low, high), then the stuffed instruction region,
/// then the CRC-16 (low, high). Length = stuffed region + 2 CRC bytes (e-manual: parameters + 3 for an instruction
/// packet before stuffing). Writes into a caller's buffer and allocates nothing.
/// </summary>
public static class DynamixelPacketWriter
{
    /// <summary>FF FF FD 00, id, length low, length high: the bytes before the instruction.</summary>
    public const int PrefixLength = 7;

    /// <summary>Header + id + length + instruction + CRC: the shortest packet (a ping) is 10 bytes.</summary>
    public const int MinPacketLength = PrefixLength + 1 + 2;

    /// <summary>Longest packet the 16-bit length field allows.</summary>
    public const int MaxPacketLength = PrefixLength + ushort.MaxValue;

    /// <summary>Worst-case packet length for an unstuffed region of <paramref name="regionLength"/> bytes (one stuffing byte per 3).</summary>
    public static int MaxEncodedLength(int regionLength) => PrefixLength + regionLength + (regionLength / 3) + 2;

    /// <summary>Encodes an instruction packet to <paramref name="id"/> (0..252, 0xFE broadcast); returns its length.</summary>
    public static int EncodeInstruction(Span<byte> destination, byte id, DynamixelInstruction instruction, ReadOnlySpan<byte> parameters)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        EnsureRoom(destination, 1 + parameters.Length);
        destination[PrefixLength] = (byte)instruction;
        parameters.CopyTo(destination[(PrefixLength + 1)..]);
        return Finish(destination, id, 1 + parameters.Length);
    }

    /// <summary>Encodes a status packet from <paramref name="id"/> (0..252) with error field <paramref name="error"/>.</summary>
    public static int EncodeStatus(Span<byte> destination, byte id, byte error, ReadOnlySpan<byte> parameters)
    {
        ServoIds.Check(id, nameof(id));
        EnsureRoom(destination, 2 + parameters.Length);
        destination[PrefixLength] = (byte)DynamixelInstruction.Status;
        destination[PrefixLength + 1] = error;
        parameters.CopyTo(destination[(PrefixLength + 2)..]);
        return Finish(destination, id, 2 + parameters.Length);
    }

    /// <summary>
    /// Completes a packet whose unstuffed region (instruction, [error,] parameters) is already at
    /// <paramref name="destination"/>[7 ..]: stuffs it in place, writes header, id, length and CRC.
    /// </summary>
    internal static int Finish(Span<byte> destination, byte id, int regionLength)
    {
        var region = destination[PrefixLength..];
        var stuffed = PrefixLength + regionLength + DynamixelByteStuffing.CountInsertions(region[..regionLength]);
        if (destination.Length < stuffed + 2)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes; the packet needs {stuffed + 2}", nameof(destination));
        }

        var length = stuffed - PrefixLength + 2;
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"packet length field would be {length}, above the 16-bit limit", nameof(destination));
        }

        DynamixelByteStuffing.StuffInPlace(region, regionLength);
        destination[0] = 0xFF;
        destination[1] = 0xFF;
        destination[2] = 0xFD;
        destination[3] = 0x00;
        destination[4] = id;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[5..], (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[stuffed..], DynamixelCrc.Compute(destination[..stuffed]));
        return stuffed + 2;
    }

    /// <summary>Checks that the unstuffed region fits (stuffing growth is checked again by <see cref="Finish"/>).</summary>
    internal static void EnsureRoom(Span<byte> destination, int regionLength)
    {
        if (destination.Length < PrefixLength + regionLength + 2)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes; the packet needs at least {PrefixLength + regionLength + 2}", nameof(destination));
        }
    }
}
