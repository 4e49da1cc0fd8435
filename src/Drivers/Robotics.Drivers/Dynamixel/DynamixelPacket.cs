using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// One decoded Protocol 2.0 packet with its own copy of the parameters (stuffing removed). For tests, tools and
/// start-up code; the control loop uses <see cref="DynamixelPacketDecoder"/>, which allocates nothing.
/// </summary>
public sealed record DynamixelPacket(byte Id, DynamixelInstruction Instruction, byte Error, ReadOnlyMemory<byte> Parameters)
{
    /// <summary>A status packet (instruction 0x55): <see cref="Error"/> is its error field.</summary>
    public bool IsStatus => Instruction == DynamixelInstruction.Status;

    /// <summary>
    /// Decodes exactly one packet spanning all of <paramref name="bytes"/>. Throws <see cref="ServoProtocolException"/>
    /// (and nothing else) for bad input: Malformed when it does not start with the header, Truncated when bytes are
    /// missing, BadLength/BadCrc/Malformed as the checks fail, BadLength when bytes follow the packet.
    /// </summary>
    public static DynamixelPacket Decode(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> header = [0xFF, 0xFF, 0xFD, 0x00];
        var n = Math.Min(header.Length, bytes.Length);
        if (!bytes[..n].SequenceEqual(header[..n]))
        {
            throw new ServoProtocolException(ServoError.Malformed, $"packet does not start with FF FF FD 00 (got {Convert.ToHexString(bytes[..n])})");
        }

        var copy = bytes.ToArray();
        var status = DynamixelPacketParser.Parse(copy, DynamixelPacketWriter.MaxPacketLength, out var view, out _, out var consumed, out var rejection);
        switch (status)
        {
            case DecodeStatus.NeedMoreData:
                throw new ServoProtocolException(ServoError.Truncated, $"packet of {bytes.Length} bytes is shorter than its header and length field say");
            case DecodeStatus.Rejected:
                throw new ServoProtocolException(rejection, $"packet rejected: {Describe(rejection)}", bytes.Length > 4 ? bytes[4] : -1);
        }

        if (consumed != bytes.Length)
        {
            throw new ServoProtocolException(ServoError.BadLength, $"{bytes.Length - consumed} bytes follow the {consumed}-byte packet", view.Id);
        }

        return new DynamixelPacket(view.Id, (DynamixelInstruction)view.Instruction, view.StatusByte, view.Parameters.ToArray());
    }

    private static string Describe(ServoError error) => error switch
    {
        ServoError.BadCrc => "CRC-16 does not match",
        ServoError.BadLength => "length field impossible (below 3, beyond the packet limit, or a status packet without its error byte)",
        ServoError.Malformed => "id 0xFD/0xFF, or a FF FF FD in the body without its stuffing byte",
        _ => error.ToString(),
    };
}
