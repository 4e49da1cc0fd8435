using System.Buffers;

namespace Robotics.Policies.Text.PreTokenizers;

/// <summary>
/// <c>ByteLevel</c> (GPT-2, RoBERTa, Llama-3): optionally prefixes a space, splits with the GPT-2 pattern, then
/// rewrites each piece's UTF-8 bytes as <see cref="ByteLevelAlphabet"/> characters.
/// </summary>
internal sealed class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : PreTokenizer
{
    [ThreadStatic]
    private static List<(int Start, int End)>? _matches;

    protected override void Split(ReadOnlySpan<char> piece, bool atTextStart, PieceList output)
    {
        var prefix = addPrefixSpace && piece[0] != ' ';
        var rented = ArrayPool<char>.Shared.Rent(piece.Length + 1);
        try
        {
            var text = rented.AsSpan(0, piece.Length + (prefix ? 1 : 0));
            if (prefix)
            {
                text[0] = ' ';
            }

            piece.CopyTo(text[(prefix ? 1 : 0)..]);
            var matches = _matches ??= [];
            matches.Clear();
            if (useRegex)
            {
                Gpt2Splitter.Split(text, matches);
            }
            else
            {
                matches.Add((0, text.Length));
            }

            foreach (var (start, end) in matches)
            {
                AddBytes(text[start..end], atTextStart && start == 0, output);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static void AddBytes(ReadOnlySpan<char> word, bool atTextStart, PieceList output)
    {
        var utf8 = global::System.Text.Encoding.UTF8;
        var rented = ArrayPool<byte>.Shared.Rent(utf8.GetMaxByteCount(word.Length));
        try
        {
            var count = utf8.GetBytes(word, rented);
            var target = output.Reserve(count, atTextStart);
            for (var i = 0; i < count; i++)
            {
                target[i] = ByteLevelAlphabet.ToChar(rented[i]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
