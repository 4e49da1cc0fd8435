using System.Buffers.Binary;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Finds and checks one Protocol 2.0 packet at the start of a buffer, in the e-manual's reception order: look for the
/// header FF FF FD 00 (a stuffed FF FF FD FD is not one), check id and length, wait for the whole packet, check the
/// CRC over the stuffed bytes, then remove the stuffing. Bounded: one pass over the buffer per call.
/// </summary>
internal static class DynamixelPacketParser
{
    public const int HeaderLength = 4;

    public static DecodeStatus Parse(Span<byte> buffer, int maxPacketLength, out ServoPacketView packet, out int garbage, out int consumed, out ServoError rejection)
    {
        packet = default;
        rejection = ServoError.None;
        var start = FindHeader(buffer);
        garbage = start;
        consumed = start;
        var available = buffer.Length - start;
        if (available < DynamixelPacketWriter.PrefixLength)
        {
            return DecodeStatus.NeedMoreData;
        }

        var id = buffer[start + 4];
        if (id > ServoIds.MaxId && id != ServoIds.Broadcast)
        {
            return Reject(ServoError.Malformed, start, out consumed, out rejection);
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(buffer[(start + 5)..]);
        var total = DynamixelPacketWriter.PrefixLength + length;

        // 3 = instruction + CRC: nothing shorter is a packet.
        if (length < 3 || total > maxPacketLength)
        {
            return Reject(ServoError.BadLength, start, out consumed, out rejection);
        }

        if (available < total)
        {
            return DecodeStatus.NeedMoreData;
        }

        var crcAt = start + total - 2;
        if (BinaryPrimitives.ReadUInt16LittleEndian(buffer[crcAt..]) != DynamixelCrc.Compute(buffer[start..crcAt]))
        {
            return Reject(ServoError.BadCrc, start, out consumed, out rejection);
        }

        var region = buffer[(start + DynamixelPacketWriter.PrefixLength)..crcAt];
        var instruction = region[0];
        var isStatus = instruction == (byte)DynamixelInstruction.Status;
        if (isStatus && region.Length < 2)
        {
            return Reject(ServoError.BadLength, start, out consumed, out rejection); // a status packet needs its error byte
        }

        var unstuffed = DynamixelByteStuffing.UnstuffInPlace(region);
        if (unstuffed < 0)
        {
            return Reject(ServoError.Malformed, start, out consumed, out rejection);
        }

        var firstParameter = isStatus ? 2 : 1;
        packet = new ServoPacketView(id, instruction, isStatus, isStatus ? region[1] : (byte)0, region[firstParameter..unstuffed]);
        consumed = start + total;
        return DecodeStatus.Packet;
    }

    /// <summary>
    /// Index of the first FF FF FD 00, or of a trailing prefix of it (FF, FF FF, FF FF FD) that more bytes may
    /// complete, or the buffer length when neither is there (all garbage).
    /// </summary>
    private static int FindHeader(ReadOnlySpan<byte> buffer)
    {
        var from = 0;
        while (true)
        {
            var i = buffer[from..].IndexOf((byte)0xFF);
            if (i < 0)
            {
                return buffer.Length;
            }

            i += from;
            if (Matches(buffer, i))
            {
                return i;
            }

            from = i + 1;
        }
    }

    private static bool Matches(ReadOnlySpan<byte> buffer, int i)
    {
        ReadOnlySpan<byte> header = [0xFF, 0xFF, 0xFD, 0x00];
        var n = Math.Min(HeaderLength, buffer.Length - i);
        return buffer.Slice(i, n).SequenceEqual(header[..n]);
    }

    // Drop only the first byte of the candidate: a real header may start inside the bytes it claimed.
    private static DecodeStatus Reject(ServoError error, int start, out int consumed, out ServoError rejection)
    {
        consumed = start + 1;
        rejection = error;
        return DecodeStatus.Rejected;
    }
}
