using System.Text;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>
/// A piece cut into alternating delimiter and non-delimiter segments, and the Rust crate's rules for turning
/// them into pieces under each <see cref="SplitBehavior"/>.
/// </summary>
internal static class Segments
{
    [ThreadStatic]
    private static List<(int Start, int End, bool IsMatch)>? _segments;

    [ThreadStatic]
    private static List<(int Start, int End)>? _merged;

    /// <summary>A cleared per-thread list to fill with segments covering the piece in order.</summary>
    public static List<(int Start, int End, bool IsMatch)> Rent()
    {
        var segments = _segments ??= [];
        segments.Clear();
        return segments;
    }

    /// <summary>Every character the predicate accepts is a delimiter of its own (Rust's <c>Fn(char)</c> pattern).</summary>
    public static List<(int Start, int End, bool IsMatch)> ByCharacter(ReadOnlySpan<char> piece, Func<Rune, bool> isDelimiter)
    {
        var segments = Rent();
        var last = 0;
        for (var i = 0; i < piece.Length;)
        {
            Rune.DecodeFromUtf16(piece[i..], out var rune, out var length);
            if (isDelimiter(rune))
            {
                if (last < i)
                {
                    segments.Add((last, i, false));
                }

                segments.Add((i, i + length, true));
                last = i + length;
            }

            i += length;
        }

        if (last < piece.Length)
        {
            segments.Add((last, piece.Length, false));
        }

        return segments;
    }

    /// <summary>Matches of a pattern, with the text between them as non-delimiter segments.</summary>
    public static List<(int Start, int End, bool IsMatch)> FromMatches(int length, List<(int Start, int End)> matches, bool invert)
    {
        var segments = Rent();
        var previous = 0;
        foreach (var (start, end) in matches)
        {
            if (previous != start)
            {
                segments.Add((previous, start, invert));
            }

            segments.Add((start, end, !invert));
            previous = end;
        }

        if (previous != length)
        {
            segments.Add((previous, length, invert));
        }

        return segments;
    }

    public static void Emit(ReadOnlySpan<char> piece, bool atTextStart, List<(int Start, int End, bool IsMatch)> segments, SplitBehavior behavior, PieceList output)
    {
        var merged = _merged ??= [];
        merged.Clear();
        var previousMatch = false;
        switch (behavior)
        {
            case SplitBehavior.Removed:
                foreach (var (start, end, isMatch) in segments)
                {
                    if (!isMatch)
                    {
                        merged.Add((start, end));
                    }
                }

                break;
            case SplitBehavior.Isolated:
                foreach (var (start, end, _) in segments)
                {
                    merged.Add((start, end));
                }

                break;
            case SplitBehavior.MergedWithPrevious:
                foreach (var (start, end, isMatch) in segments)
                {
                    if (isMatch && !previousMatch && merged.Count > 0)
                    {
                        merged[^1] = (merged[^1].Start, end);
                    }
                    else
                    {
                        merged.Add((start, end));
                    }

                    previousMatch = isMatch;
                }

                break;
            case SplitBehavior.MergedWithNext:
                for (var i = segments.Count - 1; i >= 0; i--)
                {
                    var (start, end, isMatch) = segments[i];
                    if (isMatch && !previousMatch && merged.Count > 0)
                    {
                        merged[^1] = (start, merged[^1].End);
                    }
                    else
                    {
                        merged.Add((start, end));
                    }

                    previousMatch = isMatch;
                }

                merged.Reverse();
                break;
            case SplitBehavior.Contiguous:
                foreach (var (start, end, isMatch) in segments)
                {
                    if (isMatch == previousMatch && merged.Count > 0)
                    {
                        merged[^1] = (merged[^1].Start, end);
                    }
                    else
                    {
                        merged.Add((start, end));
                    }

                    previousMatch = isMatch;
                }

                break;
        }

        foreach (var (start, end) in merged)
        {
            output.Add(piece[start..end], atTextStart && start == 0);
        }
    }
}
