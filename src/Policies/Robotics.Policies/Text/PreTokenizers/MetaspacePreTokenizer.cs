using System.Buffers;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>
/// <c>Metaspace</c> (SentencePiece): spaces become the replacement ("▁"), which is prepended per the scheme
/// (always, only to the piece that starts the text, never), then each replacement starts a new piece unless
/// <c>split</c> is false.
/// </summary>
internal sealed class MetaspacePreTokenizer(char replacement, MetaspacePrependScheme scheme, bool split) : PreTokenizer
{
    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output)
    {
        var prepend = piece[0] != replacement && piece[0] != ' '
            && (scheme == MetaspacePrependScheme.Always || (scheme == MetaspacePrependScheme.First && atTextStart));
        var rented = ArrayPool<char>.Shared.Rent(piece.Length + 1);
        try
        {
            var text = rented.AsSpan(0, piece.Length + (prepend ? 1 : 0));
            if (prepend)
            {
                text[0] = replacement;
            }

            piece.Replace(text[(prepend ? 1 : 0)..], ' ', replacement);
            if (!split)
            {
                output.Add(text, atTextStart);
                return;
            }

            // MergedWithNext: every replacement character opens a new piece.
            var start = 0;
            for (var i = 1; i < text.Length; i++)
            {
                if (text[i] == replacement)
                {
                    output.Add(text[start..i], atTextStart && start == 0);
                    start = i;
                }
            }

            output.Add(text[start..], atTextStart && start == 0);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
