using System.Globalization;
using System.Text;

namespace Robotics.Policies.Text.Patterns;

/// <summary>
/// .NET regular expressions see UTF-16 units: <c>[^\p{L}]?</c> takes half of an emoji's surrogate pair. Before
/// matching, each supplementary code point becomes one BMP character of the same general category (a rarely
/// written one), so classes and quantifiers treat it whole; offsets are mapped back afterwards.
/// </summary>
internal static class AstralStandIns
{
    private static readonly char[] _standIn = BuildStandIns();

    public static bool Needed(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    /// <summary>Writes the mapped text; <paramref name="origin"/>[i] is the source index of mapped character i.</summary>
    /// <returns>The mapped length; origin[length] is the source length.</returns>
    public static int Map(ReadOnlySpan<char> text, Span<char> mapped, Span<int> origin)
    {
        var length = 0;
        for (var i = 0; i < text.Length; length++)
        {
            origin[length] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1]));
                mapped[length] = _standIn[(int)category];
                i += 2;
            }
            else
            {
                mapped[length] = text[i++];
            }
        }

        origin[length] = text.Length;
        return length;
    }

    // The highest BMP character of each category: fullwidth and compatibility forms nobody writes in a pattern.
    private static char[] BuildStandIns()
    {
        var standIns = new char[32];
        for (var c = 0xFFFF; c >= 0; c--)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
            {
                continue;
            }

            var category = (int)Rune.GetUnicodeCategory(new Rune(c));
            if (standIns[category] == '\0')
            {
                standIns[category] = (char)c;
            }
        }

        return standIns;
    }
}
