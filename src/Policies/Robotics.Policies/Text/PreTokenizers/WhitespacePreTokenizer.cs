using System.Text;
using Robotics.Policies.Text.Unicode;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary><c>Whitespace</c>: the matches of <c>\w+|[^\w\s]+</c> (Unicode classes), whitespace dropped.</summary>
internal sealed class WhitespacePreTokenizer : PreTokenizer
{
    private enum Kind
    {
        Space,
        Word,
        Other,
    }

    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output)
    {
        var runStart = 0;
        var runKind = Kind.Space;
        for (var i = 0; i < piece.Length;)
        {
            Rune.DecodeFromUtf16(piece[i..], out var rune, out var length);
            var kind = CharProperties.IsWordCharacter(rune) ? Kind.Word : CharProperties.IsWhitespace(rune) ? Kind.Space : Kind.Other;
            if (kind != runKind)
            {
                if (runKind != Kind.Space)
                {
                    output.Add(piece[runStart..i], atTextStart && runStart == 0);
                }

                runStart = i;
                runKind = kind;
            }

            i += length;
        }

        if (runKind != Kind.Space)
        {
            output.Add(piece[runStart..], atTextStart && runStart == 0);
        }
    }
}
