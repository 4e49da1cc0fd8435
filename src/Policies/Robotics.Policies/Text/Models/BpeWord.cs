using System.Buffers;
using System.Text;

namespace Robotics.Policies.Text.Models;

/// <summary>
/// One word being merged: a linked list of symbols and a queue of candidate merges ordered by (rank, position),
/// the Rust crate's <c>Word::merge_all</c>. One instance per thread, reused.
/// </summary>
internal sealed class BpeWord
{
    [ThreadStatic]
    private static BpeWord? _instance;

    private readonly PriorityQueue<(int Position, int MergedId), long> _queue = new();
    private (int Id, int Prev, int Next, bool Removed)[] _symbols = new (int, int, int, bool)[64];
    private int _count;

    public static BpeWord ForThread() => _instance ??= new BpeWord();

    public int[] Encode(ReadOnlySpan<char> word, BpeModel model)
    {
        _count = 0;
        if (_symbols.Length < (word.Length * 4) + 1)
        {
            _symbols = new (int, int, int, bool)[(word.Length * 4) + 1];
        }

        AddInitialSymbols(word, model);
        MergeAll(model.Merges);
        var result = new List<int>(_count);
        for (var i = 0; i < _count; i++)
        {
            if (!_symbols[i].Removed)
            {
                result.Add(_symbols[i].Id);
            }
        }

        return [.. result];
    }

    private void AddInitialSymbols(ReadOnlySpan<char> word, BpeModel model)
    {
        var options = model.Options;
        var prefix = options.ContinuingSubwordPrefix ?? "";
        var suffix = options.EndOfWordSuffix ?? "";
        var rented = ArrayPool<char>.Shared.Rent(prefix.Length + 2 + suffix.Length);
        (int Id, bool Pending) unknown = (-1, false);
        try
        {
            for (var i = 0; i < word.Length;)
            {
                Rune.DecodeFromUtf16(word[i..], out _, out var length);
                var isFirst = i == 0;
                var isLast = i + length == word.Length;
                var symbol = Spell(rented, isFirst ? "" : prefix, word.Slice(i, length), isLast ? suffix : "");
                i += length;
                if (model.Vocabulary.TryGetId(symbol, out var id))
                {
                    if (unknown.Pending)
                    {
                        Add(unknown.Id);
                        unknown.Pending = false;
                    }

                    Add(id);
                    continue;
                }

                if (options.ByteFallback && TryAddBytes(symbol, model))
                {
                    continue; // as in Rust, a pending unknown token waits until the next known symbol
                }

                if (options.UnknownId >= 0)
                {
                    if (unknown.Pending && !options.FuseUnknown)
                    {
                        Add(unknown.Id);
                    }

                    unknown = (options.UnknownId, true);
                }
            }

            if (unknown.Pending)
            {
                Add(unknown.Id);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static ReadOnlySpan<char> Spell(char[] buffer, string prefix, ReadOnlySpan<char> character, string suffix)
    {
        prefix.CopyTo(buffer);
        character.CopyTo(buffer.AsSpan(prefix.Length));
        suffix.CopyTo(buffer.AsSpan(prefix.Length + character.Length));
        return buffer.AsSpan(0, prefix.Length + character.Length + suffix.Length);
    }

    private bool TryAddBytes(ReadOnlySpan<char> symbol, BpeModel model)
    {
        var encoding = global::System.Text.Encoding.UTF8;
        var needed = encoding.GetByteCount(symbol);
        var utf8 = needed <= 64 ? stackalloc byte[64] : new byte[needed];
        var count = encoding.GetBytes(symbol, utf8);
        for (var b = 0; b < count; b++)
        {
            if (model.ByteId(utf8[b]) < 0)
            {
                return false;
            }
        }

        for (var b = 0; b < count; b++)
        {
            Add(model.ByteId(utf8[b]));
        }

        return true;
    }

    private void Add(int id)
    {
        _symbols[_count] = (id, _count - 1, -1, false);
        if (_count > 0)
        {
            _symbols[_count - 1].Next = _count;
        }

        _count++;
    }

    private void MergeAll(BpeMerges merges)
    {
        _queue.Clear();
        for (var i = 0; i + 1 < _count; i++)
        {
            Enqueue(merges, i, i + 1);
        }

        while (_queue.TryDequeue(out var top, out _))
        {
            ref var symbol = ref _symbols[top.Position];
            if (symbol.Removed || symbol.Next < 0)
            {
                continue;
            }

            var right = _symbols[symbol.Next];
            // Skip queue entries made stale by an earlier merge.
            if (!merges.TryGet(symbol.Id, right.Id, out var merge) || merge.MergedId != top.MergedId)
            {
                continue;
            }

            _symbols[symbol.Next].Removed = true;
            symbol.Id = top.MergedId;
            symbol.Next = right.Next;
            if (right.Next >= 0)
            {
                _symbols[right.Next].Prev = top.Position;
            }

            if (symbol.Prev >= 0)
            {
                Enqueue(merges, symbol.Prev, top.Position);
            }

            if (symbol.Next >= 0)
            {
                Enqueue(merges, top.Position, symbol.Next);
            }
        }
    }

    private void Enqueue(BpeMerges merges, int left, int right)
    {
        if (merges.TryGet(_symbols[left].Id, _symbols[right].Id, out var merge))
        {
            _queue.Enqueue((left, merge.MergedId), ((long)merge.Rank << 32) | (uint)left);
        }
    }
}
