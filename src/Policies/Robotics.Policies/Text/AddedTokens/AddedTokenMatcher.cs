using System.Buffers;
using System.Text;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.AddedTokens;

/// <summary>
/// Finds added tokens in text, leftmost first and longest at a position (the Rust crate's Aho-Corasick
/// leftmost-longest search), applying <c>single_word</c>, <c>lstrip</c> and <c>rstrip</c>.
/// </summary>
internal sealed class AddedTokenMatcher
{
    private readonly Dictionary<char, (string Pattern, AddedToken Token)[]> _byFirstChar;
    private readonly SearchValues<char> _firstChars;

    /// <param name="patterns">Each token with the text to find (its content, or its normalized content).</param>
    public AddedTokenMatcher(IEnumerable<(string Pattern, AddedToken Token)> patterns)
    {
        _byFirstChar = patterns.Where(p => p.Pattern.Length > 0)
            .GroupBy(p => p.Pattern[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Pattern.Length).ToArray());
        _firstChars = SearchValues.Create([.. _byFirstChar.Keys]);
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>Cuts <paramref name="text"/> into segments: plain text (Token null) and added tokens.</summary>
    public void Split(string text, List<(int Start, int End, AddedToken? Token)> segments)
    {
        var taken = 0;
        for (var position = 0; position < text.Length;)
        {
            var found = text.AsSpan(position).IndexOfAny(_firstChars);
            if (found < 0)
            {
                break;
            }

            var start = position + found;
            if (Longest(text, start) is not var (pattern, token))
            {
                position = start + 1;
                continue;
            }

            var stop = start + pattern.Length;
            position = stop;
            if (token.SingleWord && (EndsWithWord(text.AsSpan(0, start)) || StartsWithWord(text.AsSpan(stop))))
            {
                continue;
            }

            if (token.LeftStrip)
            {
                start = Math.Max(taken, text.AsSpan(0, start).TrimEnd().Length);
            }

            if (token.RightStrip)
            {
                stop = text.Length - text.AsSpan(stop).TrimStart().Length;
                position = stop;
            }

            if (taken < start)
            {
                segments.Add((taken, start, null));
            }

            segments.Add((start, stop, token));
            taken = stop;
        }

        if (taken < text.Length)
        {
            segments.Add((taken, text.Length, null));
        }
    }

    private (string Pattern, AddedToken Token)? Longest(string text, int start)
    {
        foreach (var candidate in _byFirstChar[text[start]])
        {
            if (text.AsSpan(start).StartsWith(candidate.Pattern, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool EndsWithWord(ReadOnlySpan<char> before) =>
        !before.IsEmpty && Rune.DecodeLastFromUtf16(before, out var rune, out _) == OperationStatus.Done && CharProperties.IsAlphanumeric(rune);

    private static bool StartsWithWord(ReadOnlySpan<char> after) =>
        !after.IsEmpty && Rune.DecodeFromUtf16(after, out var rune, out _) == OperationStatus.Done && CharProperties.IsAlphanumeric(rune);
}
