namespace Robotics.Policies.Text.PreTokenizers;

/// <summary><c>CharDelimiterSplit</c>: splits on one (BMP) character, which is dropped.</summary>
internal sealed class CharDelimiterSplitPreTokenizer(char delimiter) : PreTokenizer
{
    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output)
    {
        var start = 0;
        for (int next; (next = piece[start..].IndexOf(delimiter)) >= 0; start += next + 1)
        {
            output.Add(piece.Slice(start, next), atTextStart && start == 0);
        }

        output.Add(piece[start..], atTextStart && start == 0);
    }
}
