using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Feetech;

/// <summary>
/// Streaming decoder for Feetech packets of one direction (<see cref="FeetechPacketKind"/>): resynchronises on
/// garbage, waits for partial packets, rejects bad checksums and impossible lengths without throwing.
/// </summary>
public sealed class FeetechPacketDecoder : ServoPacketDecoder
{
    public FeetechPacketDecoder(FeetechPacketKind kind, int maxPacketLength = FeetechPacketWriter.MaxPacketLength)
        : base(maxPacketLength, FeetechPacketParser.HeaderLength)
    {
        if (kind is not (FeetechPacketKind.Reply or FeetechPacketKind.Request))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "packet kind must be Reply or Request");
        }

        Kind = kind;
    }

    public FeetechPacketKind Kind { get; }

    protected override DecodeStatus Parse(Span<byte> buffer, out ServoPacketView packet, out int garbage, out int consumed, out ServoError rejection) =>
        FeetechPacketParser.Parse(buffer, Kind, MaxPacketLength, out packet, out garbage, out consumed, out rejection);
}
