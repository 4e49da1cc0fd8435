namespace Robotics.Messages.Cdr;

/// <summary>
/// Whole serialized messages: the 4-byte encapsulation header, the XCDR1 body, padding to a multiple of 4.
/// Writes <c>00 01 00 pp</c> (little-endian, options = pad count, as Cyclone does); reads either byte order and
/// ignores the options bytes and trailing padding (ROS2_WIRE.md).
/// </summary>
public static class CdrSerializer
{
    public const int HeaderSize = 4;

    /// <summary>Total bytes <see cref="Serialize{T}(T, Span{byte})"/> will write.</summary>
    public static int GetSerializedSize<T>(T message)
        where T : IRosMessage
    {
        var sizer = default(CdrSizer);
        message.Serialize(ref sizer);
        return HeaderSize + Pad4(sizer.Size);
    }

    /// <summary>Writes the whole message into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Serialize<T>(T message, Span<byte> destination)
        where T : IRosMessage
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("CDR writing assumes a little-endian host");
        }

        if (destination.Length < HeaderSize)
        {
            throw new MessageEncodeException($"CDR buffer too small: need at least {HeaderSize} bytes for the header");
        }

        var writer = new CdrWriter(destination[HeaderSize..]);
        message.Serialize(ref writer);
        var body = writer.Position;
        var padded = Pad4(body);
        if (HeaderSize + padded > destination.Length)
        {
            throw new MessageEncodeException($"CDR buffer too small: need {HeaderSize + padded} bytes, have {destination.Length}");
        }

        destination.Slice(HeaderSize + body, padded - body).Clear();
        destination[0] = 0x00;
        destination[1] = 0x01; // CDR_LE
        destination[2] = 0x00;
        destination[3] = (byte)(padded - body);
        return HeaderSize + padded;
    }

    public static byte[] Serialize<T>(T message)
        where T : IRosMessage
    {
        var bytes = new byte[GetSerializedSize(message)];
        Serialize(message, bytes);
        return bytes;
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> data)
        where T : class, IRosMessage<T>
    {
        var reader = OpenBody(data, T.TypeInfo);
        return T.Deserialize(ref reader);
    }

    /// <summary>Decodes a message whose type is known only at run time.</summary>
    public static IRosMessage Deserialize(MessageTypeInfo type, ReadOnlySpan<byte> data)
    {
        var reader = OpenBody(data, type);
        return type.Deserialize(ref reader);
    }

    /// <summary>Checks the encapsulation header and returns a reader positioned at the body.</summary>
    public static CdrReader OpenBody(ReadOnlySpan<byte> data, MessageTypeInfo? type = null)
    {
        var what = type is null ? "message" : type.Name;
        if (data.Length < HeaderSize)
        {
            throw new MessageDecodeException($"{what}: {data.Length} bytes is shorter than the 4-byte CDR encapsulation header", 0);
        }

        // Representation ids (DDS-XTypes 7.6.3.1.2): 0x0000 CDR_BE, 0x0001 CDR_LE; PL_CDR and XCDR2 are not ROS topics.
        if (data[0] != 0 || data[1] > 1)
        {
            throw new MessageDecodeException($"{what}: encapsulation {data[0]:x2}{data[1]:x2} is not plain CDR (expected 0000 or 0001; XCDR2 and PL_CDR are not used by ROS 2)", 0);
        }

        return new CdrReader(data[HeaderSize..], bigEndian: data[1] == 0);
    }

    private static int Pad4(int size) => (size + 3) & ~3;
}
