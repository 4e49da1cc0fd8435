namespace Robotics.Policies.Text.Models;

/// <summary>A model's token ↔ id table, looked up by span so that words are never copied into strings.</summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string?[] _tokens;

    public Vocabulary(Dictionary<string, int> ids)
    {
        var ordinal = new Dictionary<string, int>(ids, StringComparer.Ordinal);
        _lookup = ordinal.GetAlternateLookup<ReadOnlySpan<char>>();
        _tokens = new string?[ordinal.Count == 0 ? 0 : ordinal.Values.Max() + 1];
        foreach (var (token, id) in ordinal)
        {
            _tokens[id] = token;
        }
    }

    /// <summary>One past the highest id.</summary>
    public int Size => _tokens.Length;

    public bool TryGetId(ReadOnlySpan<char> token, out int id) => _lookup.TryGetValue(token, out id);

    public string? Token(int id) => (uint)id < (uint)_tokens.Length ? _tokens[id] : null;
}
