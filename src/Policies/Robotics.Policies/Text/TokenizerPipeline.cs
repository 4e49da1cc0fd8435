using Robotics.Policies.Text.AddedTokens;
using Robotics.Policies.Text.Decoders;
using Robotics.Policies.Text.Models;
using Robotics.Policies.Text.Normalizers;
using Robotics.Policies.Text.PostProcessing;
using Robotics.Policies.Text.PreTokenizers;

namespace Robotics.Policies.Text;

/// <summary>
/// The immutable components of a tokenizer.json and the Rust crate's order of applying them: added tokens
/// that are not normalized are cut out of the raw text; each remaining section is normalized; normalized added
/// tokens are cut out of that; the rest is pre-tokenized into words and each word tokenized by the model.
/// Thread-safe: per-call state lives in thread-local buffers.
/// </summary>
internal sealed class TokenizerPipeline
{
    [ThreadStatic]
    private static List<(int Start, int End, AddedToken? Token)>? _rawSegments;

    [ThreadStatic]
    private static List<(int Start, int End, AddedToken? Token)>? _normalizedSegments;

    private readonly Dictionary<int, AddedToken> _addedById = [];
    private readonly Dictionary<string, AddedToken> _addedByContent = new(StringComparer.Ordinal);

    public TokenizerPipeline(Normalizer? normalizer, PreTokenizer? preTokenizer, TokenModel model, IReadOnlyList<AddedToken> addedTokens,
        SpecialTokenTemplate template, Decoder? decoder)
    {
        Normalizer = normalizer;
        PreTokenizer = preTokenizer;
        Model = model;
        Template = template;
        Decoder = decoder;
        foreach (var token in addedTokens)
        {
            _addedById[token.Id] = token;
            _addedByContent[token.Content] = token;
        }

        RawMatcher = new(addedTokens.Where(t => !t.Normalized).Select(t => (t.Content, t)));
        NormalizedMatcher = new(addedTokens.Where(t => t.Normalized).Select(t => (normalizer?.Normalize(t.Content) ?? t.Content, t)));
        VocabularySize = Math.Max(model.Vocabulary.Size, addedTokens.Count == 0 ? 0 : addedTokens.Max(t => t.Id) + 1);
    }

    public Normalizer? Normalizer { get; }

    public PreTokenizer? PreTokenizer { get; }

    public TokenModel Model { get; }

    public SpecialTokenTemplate Template { get; }

    public Decoder? Decoder { get; }

    public AddedTokenMatcher RawMatcher { get; }

    public AddedTokenMatcher NormalizedMatcher { get; }

    public int VocabularySize { get; }

    /// <summary>The token for an id: an added token's content first, as in the Rust crate, then the model's.</summary>
    public string? Token(int id) => _addedById.TryGetValue(id, out var added) ? added.Content : Model.Vocabulary.Token(id);

    /// <summary>The id of a token: an added token's first, then the model's.</summary>
    public bool TryGetId(string token, out int id)
    {
        if (_addedByContent.TryGetValue(token, out var added))
        {
            id = added.Id;
            return true;
        }

        return Model.Vocabulary.TryGetId(token, out id);
    }

    public bool IsSpecial(int id) => _addedById.TryGetValue(id, out var added) && added.Special;

    /// <summary>Appends the ids of <paramref name="text"/>, without special tokens, truncation or padding.</summary>
    public void Encode(string text, List<int> ids)
    {
        if (RawMatcher.IsEmpty)
        {
            EncodeSection(text, atTextStart: true, ids);
            return;
        }

        var segments = _rawSegments ??= [];
        segments.Clear();
        RawMatcher.Split(text, segments);
        foreach (var (start, end, token) in segments) // EncodeSection fills the other list, never this one
        {
            if (token is not null)
            {
                ids.Add(token.Id);
            }
            else
            {
                EncodeSection(start == 0 && end == text.Length ? text : text[start..end], start == 0, ids);
            }
        }
    }

    private void EncodeSection(string section, bool atTextStart, List<int> ids)
    {
        var normalized = Normalizer?.Normalize(section) ?? section;
        if (normalized.Length == 0)
        {
            return;
        }

        var words = PieceList.Rent();
        var pieces = PieceList.Rent();
        try
        {
            if (NormalizedMatcher.IsEmpty)
            {
                pieces.Add(normalized, atTextStart);
                Tokenize(pieces, words, ids);
                return;
            }

            var segments = _normalizedSegments ??= [];
            segments.Clear();
            NormalizedMatcher.Split(normalized, segments);
            foreach (var (start, end, token) in segments)
            {
                if (token is not null)
                {
                    Tokenize(pieces, words, ids);
                    ids.Add(token.Id);
                }
                else
                {
                    pieces.Add(normalized.AsSpan(start, end - start), atTextStart && start == 0);
                }
            }

            Tokenize(pieces, words, ids);
        }
        finally
        {
            PieceList.Return(pieces);
            PieceList.Return(words);
        }
    }

    // Pre-tokenizes and tokenizes the pending pieces, then empties them.
    private void Tokenize(PieceList pieces, PieceList words, List<int> ids)
    {
        if (pieces.Count == 0)
        {
            return;
        }

        var source = pieces;
        if (PreTokenizer is not null)
        {
            words.Clear();
            PreTokenizer.PreTokenize(pieces, words);
            source = words;
        }

        for (var i = 0; i < source.Count; i++)
        {
            Model.Tokenize(source[i], ids);
        }

        pieces.Clear();
    }
}
