using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Dynamixel;

/// <summary>Protocol 2.0 packets for the shared transaction engine.</summary>
internal sealed class DynamixelFraming : IServoFraming
{
    public string ProtocolName => "Dynamixel 2.0";

    public int MaxAddress => ushort.MaxValue;

    // A 253-servo sync write of 4 bytes each: 4 + 253 x 5 parameters + instruction, stuffed in the worst case.
    public int MaxRequestLength => DynamixelPacketWriter.MaxEncodedLength(1 + 4 + ((ServoIds.MaxId + 1) * 5)) + 512;

    // The reply decoder takes 1024-byte packets (SDK RXPACKET_MAX_LEN); 750 parameters stay under it even if stuffing
    // adds one byte in three: 7 prefix + 752 region (instruction, error, data) + 250 stuffing + 2 CRC = 1011.
    public int MaxReadLength => 750;

    public int PingParameterCount => 3;

    public int StatusWireLength(int parameterCount) => DynamixelPacketWriter.MaxEncodedLength(2 + parameterCount);

    public int EncodePing(Span<byte> destination, byte id) => DynamixelInstructions.Ping(destination, id);

    public int EncodeRead(Span<byte> destination, byte id, ushort address, int length) =>
        DynamixelInstructions.Read(destination, id, address, checked((ushort)length));

    public int EncodeWrite(Span<byte> destination, byte id, ushort address, ReadOnlySpan<byte> data) =>
        DynamixelInstructions.Write(destination, id, address, data);

    public int EncodeSyncRead(Span<byte> destination, ushort address, int length, ReadOnlySpan<byte> ids) =>
        DynamixelInstructions.SyncRead(destination, address, checked((ushort)length), ids);

    public int EncodeSyncWrite(Span<byte> destination, ushort address, int length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data) =>
        DynamixelInstructions.SyncWrite(destination, address, checked((ushort)length), ids, data);

    public ServoPacketDecoder CreateReplyDecoder() => new DynamixelPacketDecoder();

    public ServoReply Interpret(byte id, byte statusByte) => new()
    {
        Id = id,
        Error = DynamixelStatusField.ErrorNumber(statusByte) == DynamixelErrorNumber.None ? ServoError.None : ServoError.DeviceRejected,
        DeviceStatus = statusByte,
        HardwareAlert = DynamixelStatusField.HasAlert(statusByte),
        Acknowledged = true,
    };
}
