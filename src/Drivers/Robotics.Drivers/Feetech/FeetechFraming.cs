using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Feetech;

/// <summary>Feetech STS packets for the shared transaction engine.</summary>
internal sealed class FeetechFraming : IServoFraming
{
    public string ProtocolName => "Feetech STS";

    public int MaxAddress => byte.MaxValue;

    public int MaxRequestLength => FeetechPacketWriter.MaxPacketLength;

    // The one-byte length field: parameters + 2 <= 255.
    public int MaxReadLength => FeetechPacketWriter.MaxParameters;

    public int PingParameterCount => 0;

    public int StatusWireLength(int parameterCount) => FeetechPacketWriter.MinPacketLength + parameterCount;

    public int EncodePing(Span<byte> destination, byte id) => FeetechInstructions.Ping(destination, id);

    public int EncodeRead(Span<byte> destination, byte id, ushort address, int length) =>
        FeetechInstructions.Read(destination, id, checked((byte)address), checked((byte)length));

    public int EncodeWrite(Span<byte> destination, byte id, ushort address, ReadOnlySpan<byte> data) =>
        FeetechInstructions.Write(destination, id, checked((byte)address), data);

    public int EncodeSyncRead(Span<byte> destination, ushort address, int length, ReadOnlySpan<byte> ids) =>
        FeetechInstructions.SyncRead(destination, checked((byte)address), checked((byte)length), ids);

    public int EncodeSyncWrite(Span<byte> destination, ushort address, int length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data) =>
        FeetechInstructions.SyncWrite(destination, checked((byte)address), checked((byte)length), ids, data);

    public ServoPacketDecoder CreateReplyDecoder() => new FeetechPacketDecoder(FeetechPacketKind.Reply);

    // Feetech status bits are hardware conditions; the instruction itself was carried out.
    public ServoReply Interpret(byte id, byte statusByte) => new()
    {
        Id = id,
        Error = ServoError.None,
        DeviceStatus = statusByte,
        HardwareAlert = statusByte != 0,
        Acknowledged = true,
    };
}
