using Robotics.Policies.Text.Patterns;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary><c>Split</c>: a string or regex pattern, optionally inverted (the matches are the words), and a
/// behavior for the delimiters (Llama-3: the GPT-4 style regex, Isolated).</summary>
internal sealed class SplitPreTokenizer(SplitPattern pattern, SplitBehavior behavior, bool invert) : PreTokenizer
{
    [ThreadStatic]
    private static List<(int Start, int End)>? _matches;

    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output)
    {
        var matches = _matches ??= [];
        matches.Clear();
        pattern.FindMatches(piece, matches);
        Segments.Emit(piece, atTextStart, Segments.FromMatches(piece.Length, matches, invert), behavior, output);
    }
}
