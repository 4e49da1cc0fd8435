using System.Globalization;

namespace Robotics.Launch;

/// <summary>
/// Types one YAML scalar the way rcl_yaml_param_parser's <c>get_value</c> does (rcl/rcl_yaml_param_parser/src/parse.c):
/// a quoted scalar is always a string; otherwise a fixed list of words is a bool, then whatever C
/// <c>strtol(value, &amp;end, 0)</c> consumes whole is an integer, then whatever <c>strtod</c> consumes whole without
/// ERANGE is a double, and anything else is a string. YAML tags are ignored, as rcl ignores them.
/// </summary>
internal static class RclScalar
{
    // rcl compares these case-sensitively: "TRUE" and "True" are bools, "tRue" is a string.
    private static readonly HashSet<string> s_trueWords =
        new(["Y", "y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"], StringComparer.Ordinal);

    private static readonly HashSet<string> s_falseWords =
        new(["N", "n", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"], StringComparer.Ordinal);

    // rcl special-cases the YAML 1.1 spellings of NaN and infinity before calling strtod.
    private static readonly Dictionary<string, double> s_yamlSpecialDoubles = new(StringComparer.Ordinal)
    {
        [".nan"] = double.NaN, [".NaN"] = double.NaN, [".NAN"] = double.NaN,
        [".inf"] = double.PositiveInfinity, [".Inf"] = double.PositiveInfinity, [".INF"] = double.PositiveInfinity,
        ["+.inf"] = double.PositiveInfinity, ["+.Inf"] = double.PositiveInfinity, ["+.INF"] = double.PositiveInfinity,
        ["-.inf"] = double.NegativeInfinity, ["-.Inf"] = double.NegativeInfinity, ["-.INF"] = double.NegativeInfinity,
    };

    public static object Type(string text, bool quoted)
    {
        if (quoted)
        {
            return text;
        }

        if (s_trueWords.Contains(text))
        {
            return true;
        }

        if (s_falseWords.Contains(text))
        {
            return false;
        }

        if (TryParseInteger(text, out var integer))
        {
            return integer;
        }

        if (TryParseDouble(text, out var real))
        {
            return real;
        }

        return text;
    }

    /// <summary>C <c>strtol</c> with base 0: optional sign, then <c>0x</c> hex, a leading <c>0</c> octal, or decimal.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }

        var radix = 10;
        if (i + 2 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && Uri.IsHexDigit(text[i + 2]))
        {
            radix = 16;
            i += 2;
        }
        else if (i < text.Length && text[i] == '0')
        {
            // strtol reads "010" as octal 8; rcl inherits that, so we do too.
            radix = 8;
        }

        if (i >= text.Length)
        {
            return false;
        }

        ulong magnitude = 0;
        for (; i < text.Length; i++)
        {
            var digit = DigitValue(text[i]);
            if (digit < 0 || digit >= radix)
            {
                return false; // strtol would stop here, leaving characters unconsumed: not an integer
            }

            if (magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false; // ERANGE: rcl falls through to strtod
            }

            magnitude = (magnitude * (ulong)radix) + (ulong)digit;
        }

        const ulong maxNegative = (ulong)long.MaxValue + 1;
        if (negative)
        {
            if (magnitude > maxNegative)
            {
                return false;
            }

            value = magnitude == maxNegative ? long.MinValue : -(long)magnitude;
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>
    /// C <c>strtod</c> for decimal text plus inf/infinity/nan; an overflow or an underflow to zero sets ERANGE, which
    /// rcl treats as "not a double" (so <c>1e999</c> stays a string). Hexadecimal floats are not supported.
    /// </summary>
    public static bool TryParseDouble(string text, out double value)
    {
        if (s_yamlSpecialDoubles.TryGetValue(text, out value))
        {
            return true;
        }

        var body = text.AsSpan();
        var sign = 1.0;
        if (body.Length > 0 && body[0] is '+' or '-')
        {
            sign = body[0] == '-' ? -1.0 : 1.0;
            body = body[1..];
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) ||
            body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = sign * double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (!IsDecimalFloat(body, out var hasNonZeroDigit))
        {
            return false;
        }

        value = sign * double.Parse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return !double.IsInfinity(value) && (value != 0 || !hasNonZeroDigit);
    }

    private static bool IsDecimalFloat(ReadOnlySpan<char> s, out bool hasNonZeroDigit)
    {
        hasNonZeroDigit = false;
        var i = 0;
        var mantissaDigits = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++, mantissaDigits++)
        {
            hasNonZeroDigit |= s[i] != '0';
        }

        if (i < s.Length && s[i] == '.')
        {
            for (i++; i < s.Length && char.IsAsciiDigit(s[i]); i++, mantissaDigits++)
            {
                hasNonZeroDigit |= s[i] != '0';
            }
        }

        if (mantissaDigits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            var exponentStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == exponentStart)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
