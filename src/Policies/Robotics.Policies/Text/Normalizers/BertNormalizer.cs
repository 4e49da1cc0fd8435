using System.Text;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.Normalizers;

/// <summary>
/// <c>BertNormalizer</c>, in the Rust crate's order: drop NUL, U+FFFD and controls and turn whitespace into spaces;
/// surround CJK ideographs with spaces; strip accents (NFD, then drop non-spacing marks), by default exactly when
/// lowercasing; lowercase.
/// </summary>
internal sealed class BertNormalizer(bool cleanText, bool handleChineseChars, bool? stripAccents, bool lowercase) : Normalizer
{
    public override string Normalize(string text)
    {
        if (cleanText)
        {
            text = Clean(text);
        }

        if (handleChineseChars)
        {
            text = SpaceChineseCharacters(text);
        }

        if (stripAccents ?? lowercase)
        {
            text = StripAccentsNormalizer.StripNonSpacingMarks(UnicodeNormalization.Normalize(text, NormalizationForm.FormD));
        }

        return lowercase ? CharProperties.ToLower(text) : text;
    }

    private static string Clean(string text) => Rewrite(text, static (rune, builder) =>
    {
        if (rune.Value is 0 or 0xFFFD || CharProperties.IsControl(rune))
        {
            return true;
        }

        if (CharProperties.IsWhitespace(rune))
        {
            if (rune.Value == ' ')
            {
                return false;
            }

            builder?.Append(' ');
            return true;
        }

        return false;
    });

    private static string SpaceChineseCharacters(string text) => Rewrite(text, static (rune, builder) =>
    {
        if (!CharProperties.IsChinese(rune.Value))
        {
            return false;
        }

        if (builder is not null)
        {
            Span<char> encoded = stackalloc char[2];
            builder.Append(' ').Append(encoded[..rune.EncodeToUtf16(encoded)]).Append(' ');
        }

        return true;
    });

    // Runs a per-character rewrite that returns true when it replaced the character (appending the replacement
    // when given a builder). The first pass only looks, so unchanged text is returned without copying.
    private static string Rewrite(string text, Func<Rune, StringBuilder?, bool> rewrite)
    {
        var first = -1;
        for (var i = 0; i < text.Length && first < 0;)
        {
            var rune = RuneAt(text, i, out var length);
            if (rewrite(rune, null))
            {
                first = i;
            }

            i += length;
        }

        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length;)
        {
            var rune = RuneAt(text, i, out var length);
            if (!rewrite(rune, builder))
            {
                builder.Append(text, i, length);
            }

            i += length;
        }

        return builder.ToString();
    }

    // A lone surrogate reads as U+FFFD, which the cleaning step drops.
    private static Rune RuneAt(string text, int i, out int length)
    {
        Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out length);
        return rune;
    }
}
