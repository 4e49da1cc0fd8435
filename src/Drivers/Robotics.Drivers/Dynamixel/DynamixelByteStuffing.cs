namespace Robotics.Drivers.Dynamixel;

/// <summary>
/// Byte stuffing of Dynamixel Protocol 2.0 (e-manual "Packet Process"): inside the instruction + parameter region
/// (error byte included for status packets, CRC excluded) every occurrence of the header pattern FF FF FD is followed
/// by an extra FD, so a header never appears inside a packet. The length field and the CRC count the stuffed bytes.
/// A receiver removes the FD that follows each FF FF FD; a bare FF FF FD not followed by FD cannot come from a valid
/// encoder and is rejected.
/// </summary>
public static class DynamixelByteStuffing
{
    /// <summary>The byte inserted after each FF FF FD (and the last byte of the pattern).</summary>
    public const byte StuffingByte = 0xFD;

    /// <summary>How many bytes stuffing <paramref name="region"/> adds.</summary>
    public static int CountInsertions(ReadOnlySpan<byte> region)
    {
        var count = 0;
        for (var i = 2; i < region.Length; i++)
        {
            if (EndsPattern(region, i))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Copies <paramref name="region"/> to <paramref name="destination"/> with stuffing and returns the stuffed length.</summary>
    public static int Stuff(ReadOnlySpan<byte> region, Span<byte> destination)
    {
        var needed = region.Length + CountInsertions(region);
        if (destination.Length < needed)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes; the stuffed region needs {needed}", nameof(destination));
        }

        var w = 0;
        for (var i = 0; i < region.Length; i++)
        {
            destination[w++] = region[i];
            if (i >= 2 && EndsPattern(region, i))
            {
                destination[w++] = StuffingByte;
            }
        }

        return w;
    }

    /// <summary>
    /// Removes stuffing from <paramref name="stuffed"/> into <paramref name="destination"/> (at least as long).
    /// False, with nothing meaningful written, when a FF FF FD is not followed by the stuffing FD.
    /// </summary>
    public static bool TryUnstuff(ReadOnlySpan<byte> stuffed, Span<byte> destination, out int written)
    {
        if (destination.Length < stuffed.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes for a {stuffed.Length}-byte region", nameof(destination));
        }

        written = 0;
        if (!IsValid(stuffed))
        {
            return false;
        }

        written = Unstuff(stuffed, destination);
        return true;
    }

    /// <summary>Stuffs the first <paramref name="length"/> bytes of <paramref name="buffer"/> in place (room must follow); returns the new length.</summary>
    internal static int StuffInPlace(Span<byte> buffer, int length)
    {
        var insertions = CountInsertions(buffer[..length]);
        if (insertions == 0)
        {
            return length;
        }

        // Back to front: the write index stays at or after the read index, so the two bytes before each read position
        // (needed to see the pattern) are still the original ones.
        var w = length + insertions - 1;
        for (var r = length - 1; r >= 0; r--)
        {
            if (r >= 2 && EndsPattern(buffer, r))
            {
                buffer[w--] = StuffingByte;
            }

            buffer[w--] = buffer[r];
        }

        return length + insertions;
    }

    /// <summary>Unstuffs <paramref name="region"/> in place; returns the new length, or -1 (region untouched) when stuffing is broken.</summary>
    internal static int UnstuffInPlace(Span<byte> region) => IsValid(region) ? Unstuff(region, region) : -1;

    private static bool IsValid(ReadOnlySpan<byte> stuffed)
    {
        // The last two unstuffed bytes; the pattern is looked for in the unstuffed stream, as the sender did.
        int previous2 = -1, previous1 = -1;
        for (var r = 0; r < stuffed.Length; r++)
        {
            var b = stuffed[r];
            if (previous2 == 0xFF && previous1 == 0xFF && b == 0xFD)
            {
                if (r + 1 >= stuffed.Length || stuffed[r + 1] != StuffingByte)
                {
                    return false;
                }

                r++;
            }

            previous2 = previous1;
            previous1 = b;
        }

        return true;
    }

    // Forward copy: the write index never passes the read index, so it also works in place.
    private static int Unstuff(ReadOnlySpan<byte> stuffed, Span<byte> destination)
    {
        var w = 0;
        for (var r = 0; r < stuffed.Length; r++)
        {
            var b = stuffed[r];
            destination[w++] = b;
            if (w >= 3 && b == 0xFD && destination[w - 2] == 0xFF && destination[w - 3] == 0xFF)
            {
                r++; // skip the stuffing FD (IsValid checked it is there)
            }
        }

        return w;
    }

    private static bool EndsPattern(ReadOnlySpan<byte> bytes, int i) => bytes[i] == 0xFD && bytes[i - 1] == 0xFF && bytes[i - 2] == 0xFF;
}
