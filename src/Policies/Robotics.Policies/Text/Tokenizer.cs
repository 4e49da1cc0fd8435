using Robotics.Policies.Text.Loading;
using Robotics.Policies.Text.PostProcessing;

namespace Robotics.Policies.Text;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> tokenizer in C#: turns a task instruction ("pick up the red cube") into
/// the int64 token ids and attention mask a vision-language-action model exported to ONNX takes, matching the
/// Rust <c>tokenizers</c> crate id for id. Supports BPE (byte-level and SentencePiece-style with byte fallback),
/// WordPiece and WordLevel models and the common normalizers, pre-tokenizers, post-processors and decoders; any
/// other component is refused at load with the JSON path and type that is not supported. Immutable and
/// thread-safe; repeated words cost one cache lookup.
/// </summary>
public sealed class Tokenizer
{
    [ThreadStatic]
    private static List<int>? _ids;

    private readonly TokenizerPipeline _pipeline;

    private Tokenizer(TokenizerPipeline pipeline, TokenizerOptions options)
    {
        _pipeline = pipeline;
        Options = options;
    }

    /// <summary>Special tokens, truncation and padding, as loaded from the file or set by <see cref="WithOptions"/>.</summary>
    public TokenizerOptions Options { get; }

    /// <summary>One past the highest token id (model vocabulary and added tokens).</summary>
    public int VocabularySize => _pipeline.VocabularySize;

    /// <summary>Loads a tokenizer.json file.</summary>
    /// <exception cref="FormatException">The file is not valid JSON or not a valid tokenizer (the message names the path in the file).</exception>
    /// <exception cref="NotSupportedException">The file uses a component this tokenizer does not implement.</exception>
    public static Tokenizer Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var json = File.ReadAllText(path);
        try
        {
            return FromJson(json);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Reads a tokenizer from the text of a tokenizer.json.</summary>
    /// <inheritdoc cref="Load" path="/exception"/>
    public static Tokenizer FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (pipeline, options) = TokenizerLoader.Load(json);
        if (RoomError(pipeline, options) is { } error)
        {
            throw new FormatException($"truncation.max_length {error}");
        }

        return new Tokenizer(pipeline, options);
    }

    /// <summary>The same vocabulary and pipeline (caches shared) with other options.</summary>
    /// <exception cref="ArgumentException">The truncation length leaves no room for the special tokens.</exception>
    public Tokenizer WithOptions(TokenizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RoomError(_pipeline, options) is { } error)
        {
            throw new ArgumentException($"Truncation.MaxLength {error}", nameof(options));
        }

        return new Tokenizer(_pipeline, options);
    }

    /// <summary>
    /// Every encoding exactly <paramref name="length"/> long: truncated (keeping the file's direction) and padded
    /// (keeping the file's pad id, token and direction; without padding in the file, id 0 on the right, which the
    /// attention mask hides from the model).
    /// </summary>
    public Tokenizer WithSequenceLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var padding = (Options.Padding ?? new PaddingOptions()) with { Length = length, PadToMultipleOf = null };
        var truncation = new TruncationOptions(length, Options.Truncation?.Direction ?? TruncationDirection.Right);
        return WithOptions(Options with { Truncation = truncation, Padding = padding });
    }

    /// <summary>Encodes one text: special tokens, truncation and padding as <see cref="Options"/> say.</summary>
    public Encoding Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var content = EncodeContent(text);
        var template = Options.AddSpecialTokens ? _pipeline.Template : SpecialTokenTemplate.None;
        var count = template.Count + content.Count;
        var length = PaddedLength(count);
        var ids = new long[length];
        var mask = new long[length];
        var types = new long[length];
        var tokens = new string[length];
        var padding = Options.Padding ?? new PaddingOptions();
        var offset = padding.Direction == PaddingDirection.Left ? length - count : 0;
        for (var i = 0; i < length; i++)
        {
            if (i < offset || i >= offset + count)
            {
                ids[i] = padding.PadId;
                types[i] = padding.PadTypeId;
                tokens[i] = padding.PadToken;
            }
        }

        Write(template, content, ids.AsSpan(offset, count), mask.AsSpan(offset, count), types.AsSpan(offset, count), tokens.AsSpan(offset, count));
        return new Encoding(ids, mask, types, tokens);
    }

    /// <summary>
    /// Encodes into caller buffers of the model's sequence length, allocating nothing for text seen before: the
    /// tokens (truncated as <see cref="Options"/> say), then the pad id (from <see cref="TokenizerOptions.Padding"/>,
    /// else 0) with mask 0 to the end of the spans, on the padding side.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="ids">Receives the token ids; its length is the sequence length.</param>
    /// <param name="attentionMask">Receives 1 for tokens and 0 for padding; as long as <paramref name="ids"/>.</param>
    /// <param name="tokenCount">The number of real tokens, special ones included (also when they do not fit).</param>
    /// <returns>False, with the spans untouched, when the tokens do not fit: configure truncation to the span length
    /// (<see cref="WithSequenceLength"/>) to always fit.</returns>
    public bool TryEncode(string text, Span<long> ids, Span<long> attentionMask, out int tokenCount)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (ids.Length != attentionMask.Length)
        {
            throw new ArgumentException($"attention mask length {attentionMask.Length} differs from ids length {ids.Length}", nameof(attentionMask));
        }

        var content = EncodeContent(text);
        var template = Options.AddSpecialTokens ? _pipeline.Template : SpecialTokenTemplate.None;
        tokenCount = template.Count + content.Count;
        if (tokenCount > ids.Length)
        {
            return false;
        }

        ids.Fill(Options.Padding?.PadId ?? 0);
        attentionMask.Clear();
        var offset = Options.Padding?.Direction == PaddingDirection.Left ? ids.Length - tokenCount : 0;
        Write(template, content, ids.Slice(offset, tokenCount), attentionMask.Slice(offset, tokenCount), [], []);
        return true;
    }

    /// <summary>Turns ids back into text through the file's decoder (tokens joined by spaces without one). Ids
    /// outside the vocabulary are skipped, as the Rust crate skips them.</summary>
    public string Decode(ReadOnlySpan<long> ids, bool skipSpecialTokens = true)
    {
        var tokens = new List<string>(ids.Length);
        foreach (var value in ids)
        {
            if (value is < 0 or > int.MaxValue || (skipSpecialTokens && _pipeline.IsSpecial((int)value)) || _pipeline.Token((int)value) is not { } token)
            {
                continue;
            }

            tokens.Add(token);
        }

        if (_pipeline.Decoder is null)
        {
            return string.Join(' ', tokens);
        }

        _pipeline.Decoder.DecodeChain(tokens);
        return string.Concat(tokens);
    }

    /// <summary>The id of a token string (an added token's, else the model's).</summary>
    public bool TryGetId(string token, out int id)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _pipeline.TryGetId(token, out id);
    }

    /// <summary>The token string of an id, or null for an id outside the vocabulary.</summary>
    public string? IdToToken(long id) => id is < 0 or > int.MaxValue ? null : _pipeline.Token((int)id);

    private List<int> EncodeContent(string text)
    {
        var ids = _ids ??= new List<int>(64);
        ids.Clear();
        _pipeline.Encode(text, ids);
        if (Options.Truncation is { } truncation)
        {
            var room = truncation.MaxLength - (Options.AddSpecialTokens ? _pipeline.Template.Count : 0);
            if (ids.Count > room)
            {
                ids.RemoveRange(truncation.Direction == TruncationDirection.Right ? room : 0, ids.Count - room);
            }
        }

        return ids;
    }

    private int PaddedLength(int count)
    {
        if (Options.Padding is not { } padding)
        {
            return count;
        }

        var length = Math.Max(count, padding.Length ?? 0);
        return padding.PadToMultipleOf is { } multiple && length % multiple != 0 ? length + multiple - (length % multiple) : length;
    }

    private void Write(SpecialTokenTemplate template, List<int> content, Span<long> ids, Span<long> mask, Span<long> types, Span<string> tokens)
    {
        var i = 0;
        foreach (var piece in template.Prefix)
        {
            Put(ref i, piece.Id, piece.TypeId, piece.Token, ids, types, tokens);
        }

        foreach (var id in content)
        {
            Put(ref i, id, template.SequenceTypeId, tokens.IsEmpty ? null : _pipeline.Token(id), ids, types, tokens);
        }

        foreach (var piece in template.Suffix)
        {
            Put(ref i, piece.Id, piece.TypeId, piece.Token, ids, types, tokens);
        }

        mask.Fill(1);
    }

    private static void Put(ref int i, int id, int typeId, string? token, Span<long> ids, Span<long> types, Span<string> tokens)
    {
        ids[i] = id;
        if (!types.IsEmpty)
        {
            types[i] = typeId;
            tokens[i] = token ?? "";
        }

        i++;
    }

    private static string? RoomError(TokenizerPipeline pipeline, TokenizerOptions options) =>
        options.Truncation is { } truncation && options.AddSpecialTokens && truncation.MaxLength < pipeline.Template.Count
            ? $"{truncation.MaxLength} leaves no room for the {pipeline.Template.Count} special tokens the post-processor adds"
            : null;
}
