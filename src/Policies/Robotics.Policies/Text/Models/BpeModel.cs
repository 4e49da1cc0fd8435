using System.Collections.Concurrent;

namespace Robotics.Policies.Text.Models;

/// <summary>
/// <c>BPE</c>: a word starts as one symbol per code point (with the continuing-subword prefix and end-of-word
/// suffix where configured); characters missing from the vocabulary become their UTF-8 byte tokens
/// ("&lt;0xE2&gt;", with <c>byte_fallback</c>) or the unknown token (runs of them fused into one with
/// <c>fuse_unk</c>); then the lowest-ranked merge applies, leftmost first, until none is left. Results are
/// cached per word, so a repeated instruction costs one dictionary lookup per word.
/// </summary>
internal sealed class BpeModel : TokenModel
{
    // The Rust crate's cache limits: 10,000 words, words shorter than 256 bytes.
    private const int CacheCapacity = 10_000;
    private const int MaxCachedWordLength = 256;

    private readonly BpeMerges _merges;
    private readonly BpeOptions _options;
    private readonly int[] _byteIds;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;

    public BpeModel(Vocabulary vocabulary, BpeMerges merges, BpeOptions options)
        : base(vocabulary)
    {
        _merges = merges;
        _options = options;
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        _byteIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            _byteIds[b] = vocabulary.TryGetId($"<0x{b:X2}>", out var id) ? id : -1;
        }
    }

    public override void Tokenize(ReadOnlySpan<char> word, List<int> ids)
    {
        if (_options.IgnoreMerges && Vocabulary.TryGetId(word, out var whole))
        {
            ids.Add(whole);
            return;
        }

        if (_cacheLookup.TryGetValue(word, out var cached))
        {
            ids.AddRange(cached);
            return;
        }

        var result = BpeWord.ForThread().Encode(word, this);
        if (word.Length < MaxCachedWordLength && _cache.Count < CacheCapacity)
        {
            _cacheLookup.TryAdd(word, result);
        }

        ids.AddRange(result);
    }

    internal BpeMerges Merges => _merges;

    internal BpeOptions Options => _options;

    /// <summary>The id of the byte token for <paramref name="value"/>, or -1.</summary>
    internal int ByteId(byte value) => _byteIds[value];
}
