namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// The CRC-16 of Dynamixel Protocol 2.0 (ROBOTIS e-manual "CRC Calculation"): polynomial x^16 + x^15 + x^2 + 1
/// (0x8005), initial value 0, no reflection, no final XOR (the CRC-16/BUYPASS parameters). It covers every byte from
/// the header to the last parameter, after byte stuffing, and is sent low byte first.
/// </summary>
public static class DynamixelCrc
{
    /// <summary>The generator polynomial without its x^16 term.</summary>
    public const ushort Polynomial = 0x8005;

    // Built from the polynomial rather than pasted: entry i is the CRC of the byte i shifted through 8 rounds.
    private static readonly ushort[] Table = BuildTable();

    /// <summary>CRC of <paramref name="data"/>, continuing from <paramref name="crc"/> (0 to start).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data, ushort crc = 0)
    {
        var table = Table;
        foreach (var b in data)
        {
            crc = (ushort)((crc << 8) ^ table[((crc >> 8) ^ b) & 0xFF]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = i << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ Polynomial : crc << 1;
            }

            table[i] = (ushort)crc;
        }

        return table;
    }
}
