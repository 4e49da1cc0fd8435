using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Robotics.Policies.Learning;

/// <summary>Writes the little-endian fields of a network file and keeps the CRC of everything written.</summary>
internal sealed class NetworkFileWriter(Stream stream)
{
    private readonly byte[] _scalar = new byte[8];

    public uint Crc { get; private set; }

    public void Write(byte value)
    {
        _scalar[0] = value;
        Put(_scalar.AsSpan(0, 1));
    }

    public void Write(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_scalar, value);
        Put(_scalar.AsSpan(0, 4));
    }

    public void Write(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_scalar, value);
        Put(_scalar.AsSpan(0, 4));
    }

    public void Write(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_scalar, value);
        Put(_scalar.AsSpan(0, 8));
    }

    public void Write(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_scalar, value);
        Put(_scalar.AsSpan(0, 4));
    }

    public void Write(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            Put(MemoryMarshal.AsBytes(values));
            return;
        }

        foreach (var value in values)
        {
            Write(value);
        }
    }

    public void Put(ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        Crc = Crc32.Append(Crc, bytes);
    }
}
