namespace Robotics.Drivers.Serial.Interop;

/// <summary>
/// The kernel's <c>Bxxx</c> codes (asm-generic/termbits.h and termbits-common.h) and the rule for accepting the rate a
/// driver actually set. A rate in the table goes in the CBAUD field as its code, as <c>cfsetspeed</c> would put it
/// (every driver understands those); any other rate goes as BOTHER with the number in c_ispeed/c_ospeed, which the
/// kernel hands to the driver through <c>tty_get_baud_rate</c> (the way System.IO.Ports sets non-standard rates).
/// </summary>
internal static class BaudRateTable
{
    public const uint BaudMask = 0x0000100F;       // CBAUD
    public const uint InputBaudMask = 0x100F0000;  // CIBAUD: 0 there means "input speed = output speed"
    public const uint Other = 0x00001000;          // BOTHER

    /// <summary>
    /// 8N1 samples each bit in the middle of its cell; over the 10 bits of a frame the receiver drifts out of the stop
    /// bit at about 5% total clock mismatch (half a bit in ten). Both ends share that budget, so each may be off by
    /// about 2%. A driver that can only get further from the request than this would garble every reply.
    /// </summary>
    public const int TolerancePercent = 2;

    private static readonly (int Rate, uint Code)[] _codes =
    [
        (50, 0x1), (75, 0x2), (110, 0x3), (134, 0x4), (150, 0x5), (200, 0x6), (300, 0x7), (600, 0x8), (1200, 0x9),
        (1800, 0xA), (2400, 0xB), (4800, 0xC), (9600, 0xD), (19200, 0xE), (38400, 0xF), (57600, 0x1001),
        (115200, 0x1002), (230400, 0x1003), (460800, 0x1004), (500000, 0x1005), (576000, 0x1006), (921600, 0x1007),
        (1000000, 0x1008), (1152000, 0x1009), (1500000, 0x100A), (2000000, 0x100B), (2500000, 0x100C),
        (3000000, 0x100D), (3500000, 0x100E), (4000000, 0x100F),
    ];

    /// <summary>The CBAUD code for <paramref name="rate"/>, or <see cref="Other"/> (BOTHER) when the table lacks it.</summary>
    public static uint CodeFor(int rate)
    {
        foreach (var (r, code) in _codes)
        {
            if (r == rate)
            {
                return code;
            }
        }

        return Other;
    }

    /// <summary>Whether a driver that reports <paramref name="actual"/> bits/s serves a request for <paramref name="requested"/>.</summary>
    public static bool IsCloseEnough(int requested, long actual) => Math.Abs(actual - requested) * 100 <= (long)requested * TolerancePercent;
}
