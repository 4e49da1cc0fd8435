using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary><c>Punctuation</c>: every punctuation character is a delimiter of its own ("!!" is two), handled
/// by the configured behavior (default Isolated).</summary>
internal sealed class PunctuationPreTokenizer(SplitBehavior behavior) : PreTokenizer
{
    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output) =>
        Segments.Emit(piece, atTextStart, Segments.ByCharacter(piece, CharProperties.IsPunctuation), behavior, output);
}
