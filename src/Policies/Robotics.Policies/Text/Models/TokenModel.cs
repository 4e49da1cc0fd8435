namespace Robotics.Policies.Text.Models;

/// <summary>A tokenizer.json <c>model</c>: turns one pre-tokenized word into vocabulary ids.</summary>
internal abstract class TokenModel(Vocabulary vocabulary)
{
    public Vocabulary Vocabulary { get; } = vocabulary;

    /// <summary>Appends the ids of <paramref name="word"/> (never empty) to <paramref name="ids"/>.</summary>
    public abstract void Tokenize(ReadOnlySpan<char> word, List<int> ids);
}
