namespace Robotics.Drivers.Feetech;

/// <summary>
/// The Feetech SCS/STS packet checksum (SCServo SDK txPacket/rxPacket): the low byte of the inverted sum of every byte
/// from the id to the last parameter; the two FF header bytes are not included.
/// </summary>
public static class FeetechChecksum
{
    public static byte Compute(ReadOnlySpan<byte> idToLastParameter)
    {
        var sum = 0;
        foreach (var b in idToLastParameter)
        {
            sum += b;
        }

        return (byte)~sum;
    }
}
