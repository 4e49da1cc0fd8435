namespace Robotics.Drivers.Feetech;

/// <summary>
/// Baud Rate register (6) values of the STS/SMS series as the vendor SDK defines them (SMS_STS.h: SMS_STS_1M = 0 ..
/// SMS_STS_38400 = 7). LeRobot's table maps 5..7 to 57,600/38,400/19,200 instead; the vendor header is followed here.
/// </summary>
public static class FeetechBaudRate
{
    private static readonly int[] BitsPerSecond = [1_000_000, 500_000, 250_000, 128_000, 115_200, 76_800, 57_600, 38_400];

    public static int ToBitsPerSecond(byte value) => value < BitsPerSecond.Length
        ? BitsPerSecond[value]
        : throw new ArgumentOutOfRangeException(nameof(value), value, "Feetech STS baud rate register is 0..7");

    public static byte FromBitsPerSecond(int bitsPerSecond)
    {
        var index = Array.IndexOf(BitsPerSecond, bitsPerSecond);
        return index >= 0
            ? (byte)index
            : throw new ArgumentOutOfRangeException(nameof(bitsPerSecond), bitsPerSecond, "not a Feetech STS baud rate (1M, 500k, 250k, 128k, 115200, 76800, 57600, 38400)");
    }
}
