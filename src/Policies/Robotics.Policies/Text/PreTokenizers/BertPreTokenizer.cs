using System.Text;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary><c>BertPreTokenizer</c>: splits on whitespace (dropped) and isolates every punctuation character.</summary>
internal sealed class BertPreTokenizer : PreTokenizer
{
    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output)
    {
        var wordStart = -1;
        for (var i = 0; i < piece.Length;)
        {
            Rune.DecodeFromUtf16(piece[i..], out var rune, out var length);
            var whitespace = CharProperties.IsWhitespace(rune);
            if (whitespace || CharProperties.IsPunctuation(rune))
            {
                if (wordStart >= 0)
                {
                    output.Add(piece[wordStart..i], atTextStart && wordStart == 0);
                    wordStart = -1;
                }

                if (!whitespace)
                {
                    output.Add(piece.Slice(i, length), atTextStart && i == 0);
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
