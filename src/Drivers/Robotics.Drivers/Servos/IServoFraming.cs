namespace Robotics.Drivers.Servos;

/// <summary>What the shared transaction engine needs from one protocol: packet builders, a reply decoder, status meaning.</summary>
internal interface IServoFraming
{
    string ProtocolName { get; }

    /// <summary>Highest register address the protocol can carry (Dynamixel 16-bit, Feetech 8-bit).</summary>
    int MaxAddress { get; }

    /// <summary>Largest instruction packet the bus must be able to build (a 253-servo sync write).</summary>
    int MaxRequestLength { get; }

    /// <summary>Most bytes one read may ask for, so that the reply fits the reply decoder.</summary>
    int MaxReadLength { get; }

    /// <summary>Parameters in a ping reply (Dynamixel: model number + firmware = 3; Feetech: none).</summary>
    int PingParameterCount { get; }

    /// <summary>Worst-case wire length of a status packet with <paramref name="parameterCount"/> parameters.</summary>
    int StatusWireLength(int parameterCount);

    int EncodePing(Span<byte> destination, byte id);

    int EncodeRead(Span<byte> destination, byte id, ushort address, int length);

    int EncodeWrite(Span<byte> destination, byte id, ushort address, ReadOnlySpan<byte> data);

    int EncodeSyncRead(Span<byte> destination, ushort address, int length, ReadOnlySpan<byte> ids);

    int EncodeSyncWrite(Span<byte> destination, ushort address, int length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data);

    ServoPacketDecoder CreateReplyDecoder();

    /// <summary>Turns a received status byte into a reply (device refusal, hardware alert).</summary>
    ServoReply Interpret(byte id, byte statusByte);
}
