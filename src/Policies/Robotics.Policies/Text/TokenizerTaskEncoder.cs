using Robotics.Policies.Inference;

namespace Robotics.Policies.Text;

/// <summary>
/// A policy's task instruction through its tokenizer.json: token ids and attention mask padded/truncated to the
/// sidecar's max_length, written straight into the model's input buffers.
/// </summary>
public sealed class TokenizerTaskEncoder(Tokenizer tokenizer, int maxLength) : ITaskEncoder
{
    private readonly Tokenizer _tokenizer = (tokenizer ?? throw new ArgumentNullException(nameof(tokenizer))).WithSequenceLength(maxLength);

    public static TokenizerTaskEncoder Load(string path, int maxLength)
    {
        try
        {
            return new TokenizerTaskEncoder(Tokenizer.Load(path), maxLength);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or IOException)
        {
            throw new PolicyLoadException($"tokenizer {path}: {e.Message}", e);
        }
    }

    public void Encode(string text, Span<long> ids, Span<long> attentionMask)
    {
        if (!_tokenizer.TryEncode(text, ids, attentionMask, out _))
        {
            throw new ArgumentException($"the task '{text}' does not fit {ids.Length} tokens", nameof(text));
        }
    }
}
