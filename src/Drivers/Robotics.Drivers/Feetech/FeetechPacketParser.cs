using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Feetech;

/// <summary>
/// Finds and checks one Feetech packet at the start of a buffer as the SCServo SDK's rxPacket does: look for FF FF
/// (a run of FF is header padding: the id is the first byte that is not FF), check id and length, wait for the whole
/// packet, check the inverted-sum checksum. The format has no stuffing and an 8-bit checksum, so random bytes pass it
/// 1 time in 256: callers also check the id and the parameter count. Bounded: one pass over the buffer per call.
/// </summary>
internal static class FeetechPacketParser
{
    /// <summary>FF FF and the id.</summary>
    public const int HeaderLength = 3;

    public static DecodeStatus Parse(Span<byte> buffer, FeetechPacketKind kind, int maxPacketLength, out ServoPacketView packet, out int garbage, out int consumed, out ServoError rejection)
    {
        packet = default;
        rejection = ServoError.None;
        var start = FindHeader(buffer);
        garbage = start;
        consumed = start;
        var available = buffer.Length - start;
        if (available < FeetechPacketWriter.PrefixLength)
        {
            return DecodeStatus.NeedMoreData;
        }

        var id = buffer[start + 2];
        if (id > ServoIds.MaxId && id != ServoIds.Broadcast)
        {
            return Reject(ServoError.Malformed, start, out consumed, out rejection);
        }

        var length = buffer[start + 3];
        var total = FeetechPacketWriter.PrefixLength + length;

        // 2 = instruction/status + checksum: nothing shorter is a packet.
        if (length < 2 || total > maxPacketLength)
        {
            return Reject(ServoError.BadLength, start, out consumed, out rejection);
        }

        if (available < total)
        {
            return DecodeStatus.NeedMoreData;
        }

        var checksumAt = start + total - 1;
        if (buffer[checksumAt] != FeetechChecksum.Compute(buffer[(start + 2)..checksumAt]))
        {
            return Reject(ServoError.BadCrc, start, out consumed, out rejection);
        }

        var code = buffer[start + 4];
        var parameters = buffer[(start + 5)..checksumAt];
        packet = kind == FeetechPacketKind.Reply
            ? new ServoPacketView(id, 0, true, code, parameters)
            : new ServoPacketView(id, code, false, 0, parameters);
        consumed = start + total;
        return DecodeStatus.Packet;
    }

    /// <summary>
    /// Index of the last FF of the first FF FF run that is followed by a non-FF byte (the id), or of a trailing FF run
    /// that more bytes may complete, or the buffer length when there is no FF at all.
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
            var run = i;
            while (run < buffer.Length && buffer[run] == 0xFF)
            {
                run++;
            }

            if (run == buffer.Length)
            {
                // FF run at the end: keep the last two FF (a header may be forming), drop the rest.
                return Math.Max(i, buffer.Length - 2);
            }

            if (run - i >= 2)
            {
                return run - 2; // FF FF id: padding FF before them is garbage
            }

            from = run; // a single FF followed by data: garbage
        }
    }

    // Drop only the first byte of the candidate: a real header may start inside the bytes it claimed.
    private static DecodeStatus Reject(ServoError error, int start, out int consumed, out ServoError rejection)
    {
        consumed = start + 1;
        rejection = error;
        return DecodeStatus.Rejected;
    }
}
