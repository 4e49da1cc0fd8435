using System.Globalization;
using System.Text;

namespace Robotics.Policies.Text.Unicode;

/// <summary>
/// Character classes and case mapping as the Rust <c>tokenizers</c> crate defines them (the reference every
/// tokenizer.json was trained with), on .NET's built-in Unicode data, which works under InvariantGlobalization.
/// </summary>
internal static class CharProperties
{
    /// <summary>Rust <c>char::is_whitespace</c>: the Unicode White_Space property.</summary>
    public static bool IsWhitespace(Rune rune) => Rune.IsWhiteSpace(rune);

    /// <summary>BERT punctuation: any ASCII punctuation or symbol (so <c>$ + &lt; = &gt; ^ ` | ~</c>), or Unicode P*.</summary>
    public static bool IsPunctuation(Rune rune)
    {
        var value = rune.Value;
        if (value < 0x80)
        {
            return value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126);
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>The CJK ideograph blocks BERT surrounds with spaces (Google's BERT tokenization.py).</summary>
    public static bool IsChinese(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
            or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    /// <summary>BERT's control test: the C* categories (unassigned included), except tab, newline and return.</summary>
    public static bool IsControl(Rune rune) =>
        rune.Value is not ('\t' or '\n' or '\r') && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
            or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;

    /// <summary>Rust <c>char::is_numeric</c>: Nd, Nl and No.</summary>
    public static bool IsNumeric(Rune rune) => Rune.IsNumber(rune);

    /// <summary>Rust <c>char::is_alphanumeric</c>, as single-word added tokens test their neighbours.</summary>
    public static bool IsAlphanumeric(Rune rune) => Rune.IsLetter(rune) || Rune.IsNumber(rune);

    /// <summary>Oniguruma's Unicode <c>\w</c>: letters, marks, numbers that are letters or digits, connectors.</summary>
    public static bool IsWordCharacter(Rune rune) =>
        Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
            or UnicodeCategory.ConnectorPunctuation;

    public static bool IsNonSpacingMark(Rune rune) => Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark;

    /// <summary>
    /// Rust's per-character full lowercase mapping. .NET's invariant mapping is the simple one and leaves U+0130
    /// (İ) alone; Rust maps it to "i" + U+0307. No final-sigma rule: Rust lowercases character by character.
    /// </summary>
    public static string ToLower(string text)
    {
        var first = FirstChangedByLowercase(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 4);
        builder.Append(text, 0, first);
        Span<char> encoded = stackalloc char[2];
        for (var i = first; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                builder.Append(text[i++]); // a lone surrogate is kept as it is
                continue;
            }

            i += consumed;
            if (rune.Value == 0x130)
            {
                builder.Append('i').Append('\u0307');
                continue;
            }

            var written = Rune.ToLowerInvariant(rune).EncodeToUtf16(encoded);
            builder.Append(encoded[..written]);
        }

        return builder.ToString();
    }

    private static int FirstChangedByLowercase(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            if (rune.Value == 0x130 || Rune.ToLowerInvariant(rune) != rune)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }
}
