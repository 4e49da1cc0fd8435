using System.Buffers.Binary;
using Robotics.Messages;
using Robotics.Messages.Cdr;

namespace Robotics.Middleware.Dds.Wire;

/// <summary>
/// Cyclone's service framing (rmw_cyclonedds serdata.cpp; ROS2_WIRE.md "Services"): right after the encapsulation
/// header, <c>u64 client_guid; i64 sequence</c>, then the request or reply fields. 16 is a multiple of 8, so the
/// fields keep the alignment they have in a standalone message and are written by the normal serializer.
/// </summary>
public static class ServiceHeader
{
    public const int Size = 16;

    public static byte[] Encode(ulong clientId, long sequence, IRosMessage message)
    {
        var body = CdrSerializer.GetSerializedSize(message);
        var bytes = new byte[Size + body];
        CdrSerializer.Serialize(message, bytes.AsSpan(Size));
        bytes.AsSpan(Size, CdrSerializer.HeaderSize).CopyTo(bytes); // same padding count: the total grew by 16
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(4), clientId);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(12), sequence);
        return bytes;
    }

    public static (ulong ClientId, long Sequence, IRosMessage Message) Decode(ReadOnlySpan<byte> data, MessageTypeInfo type)
    {
        var reader = CdrSerializer.OpenBody(data, type);
        var clientId = reader.ReadUInt64();
        var sequence = reader.ReadInt64();
        var bigEndian = data[1] == 0;
        var fields = new CdrReader(data[(CdrSerializer.HeaderSize + Size)..], bigEndian);
        return (clientId, sequence, type.Deserialize(ref fields));
    }
}
