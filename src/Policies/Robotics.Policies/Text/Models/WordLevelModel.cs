namespace Robotics.Policies.Text.Models;

/// <summary><c>WordLevel</c>: each word is one vocabulary entry, or the unknown token.</summary>
internal sealed class WordLevelModel(Vocabulary vocabulary, int unknownId) : TokenModel(vocabulary)
{
    public override void Tokenize(ReadOnlySpan<char> word, List<int> ids) =>
        ids.Add(Vocabulary.TryGetId(word, out var id) ? id : unknownId);
}
