namespace Robotics.Drivers.Dynamixel;

/// <summary>Baud Rate register (8) values of the X series (e-manual; the XL330 stops at 6 = 4 Mbps).</summary>
public static class DynamixelBaudRate
{
    private static readonly int[] BitsPerSecond = [9_600, 57_600, 115_200, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 4_500_000];

    /// <summary>Bits per second for a register value 0..7.</summary>
    public static int ToBitsPerSecond(byte value) => value < BitsPerSecond.Length
        ? BitsPerSecond[value]
        : throw new ArgumentOutOfRangeException(nameof(value), value, "Dynamixel baud rate register is 0..7");

    /// <summary>Register value for a supported speed.</summary>
    public static byte FromBitsPerSecond(int bitsPerSecond)
    {
        var index = Array.IndexOf(BitsPerSecond, bitsPerSecond);
        return index >= 0
            ? (byte)index
            : throw new ArgumentOutOfRangeException(nameof(bitsPerSecond), bitsPerSecond, "not a Dynamixel X baud rate (9600, 57600, 115200, 1M, 2M, 3M, 4M, 4.5M)");
    }
}
