namespace Robotics.Policies.Text.PostProcessing;

/// <summary>
/// What a <c>post_processor</c> does to a single sequence: special tokens before and after it ("[CLS] $A [SEP]",
/// "&lt;s&gt; $A &lt;/s&gt;", "&lt;|begin_of_text|&gt; $A") and the type id of the sequence's own tokens.
/// </summary>
internal sealed class SpecialTokenTemplate(IReadOnlyList<SpecialTokenTemplate.Piece> prefix, int sequenceTypeId, IReadOnlyList<SpecialTokenTemplate.Piece> suffix)
{
    /// <summary>No special tokens (no post-processor, or ByteLevel's, which only moves offsets).</summary>
    public static readonly SpecialTokenTemplate None = new([], 0, []);

    // Arrays, so that encoding walks them without boxing an enumerator.
    public Piece[] Prefix { get; } = [.. prefix];

    public Piece[] Suffix { get; } = [.. suffix];

    public int SequenceTypeId { get; } = sequenceTypeId;

    /// <summary>How many tokens it adds, which truncation leaves room for.</summary>
    public int Count => Prefix.Length + Suffix.Length;

    /// <summary>This template applied around <paramref name="inner"/>'s output (a <c>Sequence</c> of processors):
    /// the inner tokens, its special ones included, take this template's sequence type id.</summary>
    public SpecialTokenTemplate Around(SpecialTokenTemplate inner) => new(
        [.. Prefix, .. inner.Prefix.Select(p => p with { TypeId = SequenceTypeId })],
        SequenceTypeId,
        [.. inner.Suffix.Select(p => p with { TypeId = SequenceTypeId }), .. Suffix]);

    /// <summary>One special token id of the template.</summary>
    public readonly record struct Piece(int Id, string Token, int TypeId);
}
