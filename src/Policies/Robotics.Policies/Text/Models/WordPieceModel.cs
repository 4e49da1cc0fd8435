using System.Buffers;

namespace Robotics.Policies.Text.Models;

/// <summary>
/// <c>WordPiece</c> (BERT): greedy longest match from the left, continuation pieces spelled with the prefix
/// ("##"). A word with an unmatched rest, or longer than <c>max_input_chars_per_word</c> code points, is one
/// unknown token.
/// </summary>
internal sealed class WordPieceModel(Vocabulary vocabulary, int unknownId, string continuingSubwordPrefix, int maxInputCharsPerWord)
    : TokenModel(vocabulary)
{
    public override void Tokenize(ReadOnlySpan<char> word, List<int> ids)
    {
        if (CodePointCount(word) > maxInputCharsPerWord)
        {
            ids.Add(unknownId);
            return;
        }

        var first = ids.Count;
        var rented = ArrayPool<char>.Shared.Rent(continuingSubwordPrefix.Length + word.Length);
        try
        {
            continuingSubwordPrefix.CopyTo(rented);
            for (var start = 0; start < word.Length;)
            {
                var end = word.Length;
                var found = -1;
                while (start < end)
                {
                    var candidate = start == 0 ? word[..end] : Prefixed(rented, word[start..end]);
                    if (Vocabulary.TryGetId(candidate, out found))
                    {
                        break;
                    }

                    found = -1;
                    end -= end >= 2 && char.IsLowSurrogate(word[end - 1]) && char.IsHighSurrogate(word[end - 2]) ? 2 : 1;
                }

                if (found < 0)
                {
                    ids.RemoveRange(first, ids.Count - first);
                    ids.Add(unknownId);
                    return;
                }

                ids.Add(found);
                start = end;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private ReadOnlySpan<char> Prefixed(char[] buffer, ReadOnlySpan<char> rest)
    {
        rest.CopyTo(buffer.AsSpan(continuingSubwordPrefix.Length));
        return buffer.AsSpan(0, continuingSubwordPrefix.Length + rest.Length);
    }

    private static int CodePointCount(ReadOnlySpan<char> word)
    {
        var count = 0;
        foreach (var _ in word.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
