namespace Robotics.Policies.Learning;

/// <summary>
/// Math whose bits do not depend on the platform's C runtime. <see cref="Math.Log(double)"/> calls the CRT (glibc, MSVC,
/// Apple libm), which may differ in the last place; one such difference in a normal draw would fork a whole training run.
/// Only IEEE add, multiply, divide and sqrt (correctly rounded everywhere, and .NET never contracts them into FMAs)
/// are used here.
/// </summary>
internal static class DeterministicMath
{
    private const double Ln2 = 0.6931471805599453;

    /// <summary>Natural log of a positive, normal, finite x; within 2 ulp of <see cref="Math.Log(double)"/>.</summary>
    public static double Log(double x)
    {
        // x = 2^e · m with m in [√½, √2]; ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716, s² ≤ 0.0295:
        // the series s + s³/3 + … to s²³/23 leaves < 0.0295¹² ≈ 4e-19 relative, below double rounding.
        var bits = BitConverter.DoubleToInt64Bits(x);
        var e = (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e++;
        }

        var s = (m - 1) / (m + 1);
        var s2 = s * s;
        var series = 1.0 / 23;
        for (var k = 21; k >= 1; k -= 2)
        {
            series = (series * s2) + (1.0 / k);
        }

        return (e * Ln2) + (2 * s * series);
    }
}
