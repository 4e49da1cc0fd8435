using System.Text;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>
/// The GPT-2 split, <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>, by hand: on
/// code points (a .NET regex would see emoji as two halves) and several times faster than the regex engine.
/// </summary>
internal static class Gpt2Splitter
{
    private enum Kind
    {
        Letter,
        Number,
        Space,
        Other,
    }

    /// <summary>Appends the [start, end) of every match; the matches cover the text.</summary>
    public static void Split(ReadOnlySpan<char> text, List<(int Start, int End)> matches)
    {
        for (var i = 0; i < text.Length;)
        {
            var end = MatchAt(text, i);
            matches.Add((i, end));
            i = end;
        }
    }

    private static int MatchAt(ReadOnlySpan<char> text, int i)
    {
        if (text[i] == '\'' && i + 1 < text.Length)
        {
            var next = text[i + 1];
            if (next is 's' or 't' or 'm' or 'd')
            {
                return i + 2;
            }

            if (i + 2 < text.Length && ((next == 'r' && text[i + 2] == 'e') || (next == 'v' && text[i + 2] == 'e') || (next == 'l' && text[i + 2] == 'l')))
            {
                return i + 3;
            }
        }

        // " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+": an optional space, then a run of one kind.
        var start = text[i] == ' ' ? i + 1 : i;
        if (start < text.Length)
        {
            var kind = KindAt(text, start, out var length);
            if (kind != Kind.Space)
            {
                var end = start + length;
                while (end < text.Length && KindAt(text, end, out length) == kind)
                {
                    end += length;
                }

                return end;
            }
        }

        // "\s+(?!\S)" leaves the last space of a run to the word after it; "\s+" takes a lone one.
        var k = i;
        var lastLength = 0;
        while (k < text.Length && KindAt(text, k, out var length) == Kind.Space)
        {
            k += length;
            lastLength = length;
        }

        return k == text.Length || k - lastLength == i ? k : k - lastLength;
    }

    private static Kind KindAt(ReadOnlySpan<char> text, int index, out int length)
    {
        Rune.DecodeFromUtf16(text[index..], out var rune, out length);
        return Rune.IsLetter(rune) ? Kind.Letter : Rune.IsNumber(rune) ? Kind.Number : CharProperties.IsWhitespace(rune) ? Kind.Space : Kind.Other;
    }
}
