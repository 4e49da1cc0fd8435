using System.Text;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary><c>WhitespaceSplit</c>: splits on Unicode whitespace, which is dropped.</summary>
internal sealed class WhitespaceSplitPreTokenizer : PreTokenizer
{
    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output)
    {
        var wordStart = -1;
        for (var i = 0; i < piece.Length;)
        {
            Rune.DecodeFromUtf16(piece[i..], out var rune, out var length);
            if (CharProperties.IsWhitespace(rune))
            {
                if (wordStart >= 0)
                {
                    output.Add(piece[wordStart..i], atTextStart && wordStart == 0);
                    wordStart = -1;
                }
            }
            else if (wordStart < 0)
            {
                wordStart = i;
            }

            i += length;
        }

        if (wordStart >= 0)
        {
            output.Add(piece[wordStart..], atTextStart && wordStart == 0);
        }
    }
}
