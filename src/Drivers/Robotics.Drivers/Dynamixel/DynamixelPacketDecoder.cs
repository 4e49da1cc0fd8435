using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Streaming decoder for Dynamixel Protocol 2.0 instruction and status packets: resynchronises on garbage, waits for
/// partial packets, rejects bad CRC, impossible lengths, bad ids and broken stuffing without throwing.
/// </summary>
public sealed class DynamixelPacketDecoder : ServoPacketDecoder
{
    /// <summary>
    /// Default longest packet: 1024 bytes, the Dynamixel SDK's RXPACKET_MAX_LEN. A garbage length field beyond it is
    /// rejected at once instead of holding the decoder until the deadline.
    /// </summary>
    public const int DefaultMaxPacketLength = 1024;

    public DynamixelPacketDecoder(int maxPacketLength = DefaultMaxPacketLength)
        : base(maxPacketLength, DynamixelPacketParser.HeaderLength)
    {
    }

    protected override DecodeStatus Parse(Span<byte> buffer, out ServoPacketView packet, out int garbage, out int consumed, out ServoError rejection) =>
        DynamixelPacketParser.Parse(buffer, MaxPacketLength, out packet, out garbage, out consumed, out rejection);
}
