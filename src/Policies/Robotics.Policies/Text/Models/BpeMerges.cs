namespace Robotics.Policies.Text.Models;

/// <summary>The merge table: (left id, right id) → (rank, merged id). A later duplicate of a pair wins, as in the
/// Rust crate's map.</summary>
internal sealed class BpeMerges
{
    private readonly Dictionary<long, (int Rank, int MergedId)> _merges = [];

    public int Count => _merges.Count;

    public void Add(int left, int right, int rank, int mergedId) => _merges[Key(left, right)] = (rank, mergedId);

    public bool TryGet(int left, int right, out (int Rank, int MergedId) merge) => _merges.TryGetValue(Key(left, right), out merge);

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
