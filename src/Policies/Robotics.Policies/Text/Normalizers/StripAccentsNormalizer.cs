using System.Text;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.Normalizers;

/// <summary><c>StripAccents</c>: drops non-spacing marks (Mn). It does not decompose: tokenizer.json files put
/// an NFD normalizer before it.</summary>
internal sealed class StripAccentsNormalizer : Normalizer
{
    public override string Normalize(string text) => StripNonSpacingMarks(text);

    public static string StripNonSpacingMarks(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            if (!CharProperties.IsNonSpacingMark(rune))
            {
                builder.Append(text, i, length);
            }

            i += length;
        }

        return builder.Length == text.Length ? text : builder.ToString();
    }
}
