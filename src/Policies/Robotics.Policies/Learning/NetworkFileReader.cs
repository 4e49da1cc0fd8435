using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Robotics.Policies.Learning;

/// <summary>Reads the little-endian fields of a network file, keeping the CRC and naming the field that a truncated file cut.</summary>
internal sealed class NetworkFileReader(Stream stream)
{
    private readonly byte[] _scalar = new byte[8];

    public uint Crc { get; private set; }

    public byte ReadByte(string what)
    {
        Fill(_scalar.AsSpan(0, 1), what);
        return _scalar[0];
    }

    public int ReadInt32(string what)
    {
        Fill(_scalar.AsSpan(0, 4), what);
        return BinaryPrimitives.ReadInt32LittleEndian(_scalar);
    }

    public uint ReadUInt32(string what)
    {
        Fill(_scalar.AsSpan(0, 4), what);
        return BinaryPrimitives.ReadUInt32LittleEndian(_scalar);
    }

    public long ReadInt64(string what)
    {
        Fill(_scalar.AsSpan(0, 8), what);
        return BinaryPrimitives.ReadInt64LittleEndian(_scalar);
    }

    public float ReadSingle(string what)
    {
        Fill(_scalar.AsSpan(0, 4), what);
        return BinaryPrimitives.ReadSingleLittleEndian(_scalar);
    }

    public void ReadSingles(Span<float> destination, string what)
    {
        Fill(MemoryMarshal.AsBytes(destination), what);
        if (!BitConverter.IsLittleEndian)
        {
            var bits = MemoryMarshal.Cast<float, int>(destination);
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
    }

    /// <summary>Reads the trailer without adding it to the CRC.</summary>
    public uint ReadTrailer()
    {
        var crc = Crc;
        var stored = ReadUInt32("the CRC-32 trailer");
        Crc = crc;
        return stored;
    }

    public void Fill(Span<byte> destination, string what)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = stream.Read(destination[total..]);
            if (read == 0)
            {
                throw new InvalidDataException($"Network file is truncated: it ends inside {what} ({destination.Length - total} of {destination.Length} bytes missing).");
            }

            total += read;
        }

        Crc = Crc32.Append(Crc, destination);
    }
}
