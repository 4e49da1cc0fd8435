namespace Robotics.Policies.Text;

/// <summary>
/// One encoded text, ready for a model's <c>input_ids</c>, <c>attention_mask</c> and <c>token_type_ids</c>
/// inputs (int64, as ONNX exports of Hugging Face models take them). All arrays have the same length.
/// </summary>
#pragma warning disable CA1819 // arrays, not collections: they are what an ONNX tensor is built from
public sealed class Encoding
{
    internal Encoding(long[] ids, long[] attentionMask, long[] typeIds, string[] tokens)
    {
        Ids = ids;
        AttentionMask = attentionMask;
        TypeIds = typeIds;
        Tokens = tokens;
    }

    /// <summary>Token ids, special tokens and padding included.</summary>
    public long[] Ids { get; }

    /// <summary>1 for a real token, 0 for padding.</summary>
    public long[] AttentionMask { get; }

    /// <summary>Segment (token type) ids: 0 for a single sequence unless its template says otherwise.</summary>
    public long[] TypeIds { get; }

    /// <summary>The vocabulary string of each id ("Ġred", "##ing", "[CLS]"), for logs and tests.</summary>
    public string[] Tokens { get; }

    /// <summary>The number of positions, padding included.</summary>
    public int Length => Ids.Length;
}
#pragma warning restore CA1819
