using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Feetech;

/// <summary>
/// One decoded Feetech packet with its own copy of the parameters. For tests, tools and start-up code; the control loop
/// uses <see cref="FeetechPacketDecoder"/>, which allocates nothing. <see cref="Code"/> is the instruction of a request
/// or the status byte of a reply.
/// </summary>
public sealed record FeetechPacket(byte Id, FeetechPacketKind Kind, byte Code, ReadOnlyMemory<byte> Parameters)
{
    public FeetechInstruction Instruction => Kind == FeetechPacketKind.Request ? (FeetechInstruction)Code : FeetechInstruction.None;

    public FeetechHardwareStatus Status => Kind == FeetechPacketKind.Reply ? (FeetechHardwareStatus)Code : FeetechHardwareStatus.None;

    /// <summary>
    /// Decodes exactly one packet spanning all of <paramref name="bytes"/>. Throws <see cref="ServoProtocolException"/>
    /// (and nothing else) for bad input: Malformed when it does not start with FF FF, Truncated when bytes are missing,
    /// BadLength/BadCrc/Malformed as the checks fail, BadLength when bytes follow the packet.
    /// </summary>
    public static FeetechPacket Decode(ReadOnlySpan<byte> bytes, FeetechPacketKind kind)
    {
        if (kind is not (FeetechPacketKind.Reply or FeetechPacketKind.Request))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "packet kind must be Reply or Request");
        }

        if ((bytes.Length > 0 && bytes[0] != 0xFF) || (bytes.Length > 1 && bytes[1] != 0xFF) || (bytes.Length > 2 && bytes[2] == 0xFF))
        {
            throw new ServoProtocolException(ServoError.Malformed, $"packet does not start with FF FF and an id (got {Convert.ToHexString(bytes[..Math.Min(3, bytes.Length)])})");
        }

        var copy = bytes.ToArray();
        var status = FeetechPacketParser.Parse(copy, kind, FeetechPacketWriter.MaxPacketLength, out var view, out _, out var consumed, out var rejection);
        switch (status)
        {
            case DecodeStatus.NeedMoreData:
                throw new ServoProtocolException(ServoError.Truncated, $"packet of {bytes.Length} bytes is shorter than its header and length byte say");
            case DecodeStatus.Rejected:
                throw new ServoProtocolException(rejection, $"packet rejected: {Describe(rejection)}", bytes.Length > 2 ? bytes[2] : -1);
        }

        if (consumed != bytes.Length)
        {
            throw new ServoProtocolException(ServoError.BadLength, $"{bytes.Length - consumed} bytes follow the {consumed}-byte packet", view.Id);
        }

        return new FeetechPacket(view.Id, kind, kind == FeetechPacketKind.Reply ? view.StatusByte : view.Instruction, view.Parameters.ToArray());
    }

    private static string Describe(ServoError error) => error switch
    {
        ServoError.BadCrc => "checksum (inverted sum) does not match",
        ServoError.BadLength => "length byte below 2",
        ServoError.Malformed => "id 0xFD (neither a servo 0..252 nor broadcast 0xFE)",
        _ => error.ToString(),
    };
}
