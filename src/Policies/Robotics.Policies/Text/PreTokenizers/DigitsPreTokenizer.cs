using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary><c>Digits</c>: numeric characters (Rust <c>is_numeric</c>: Nd, Nl, No) each on their own, or in
/// runs when <c>individual_digits</c> is false.</summary>
internal sealed class DigitsPreTokenizer(bool individualDigits) : PreTokenizer
{
    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output) =>
        Segments.Emit(piece, atTextStart, Segments.ByCharacter(piece, CharProperties.IsNumeric),
            individualDigits ? SplitBehavior.Isolated : SplitBehavior.Contiguous, output);
}
