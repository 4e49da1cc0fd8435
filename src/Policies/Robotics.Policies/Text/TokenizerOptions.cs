namespace Robotics.Policies.Text;

/// <summary>
/// How a <see cref="Tokenizer"/> shapes encodings. <see cref="Tokenizer.Load"/> takes them from tokenizer.json;
/// change them with <c>tokenizer.WithOptions(tokenizer.Options with { … })</c>.
/// </summary>
public sealed record TokenizerOptions
{
    /// <summary>Add the post-processor's special tokens ([CLS] … [SEP], &lt;s&gt; …). Default true, as in Hugging Face.</summary>
    public bool AddSpecialTokens { get; init; } = true;

    /// <summary>Truncation, or null to keep every token.</summary>
    public TruncationOptions? Truncation { get; init; }

    /// <summary>Padding, or null for none.</summary>
    public PaddingOptions? Padding { get; init; }
}
