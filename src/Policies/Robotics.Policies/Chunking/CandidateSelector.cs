namespace Robotics.Policies.Chunking;

/// <summary>
/// Test-time action selection (LEARNING.md §1; "Steering VLA … test-time scaling", RoboMonkey-style best-of-N):
/// score N candidate chunks with one batched <see cref="ChunkScorer"/> call and pick the best. Off by default in the
/// node. Only finite scores compete: NaN or ±∞ means the scorer failed for that candidate (a diverged critic's +∞
/// must not win). Ties go to the lowest index, so with <see cref="CandidateGenerator"/> (candidate 0 = the policy's
/// own chunk) an indifferent scorer keeps the unperturbed action. Allocates only its score buffer, at construction.
/// </summary>
public sealed class CandidateSelector
{
    private readonly float[] _scores;
    private readonly int _chunkFloats;
    private int _count;

    /// <param name="chunkFloats">H × A: floats per candidate.</param>
    /// <param name="maxCandidates">Largest N a call may pass.</param>
    public CandidateSelector(int chunkFloats, int maxCandidates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkFloats, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);
        _chunkFloats = chunkFloats;
        _scores = new float[maxCandidates];
    }

    /// <summary>The scores of the last <see cref="Select"/> call, one per candidate (to publish beside the choice).</summary>
    public ReadOnlySpan<float> Scores => _scores.AsSpan(0, _count);

    /// <summary>
    /// Scores <paramref name="candidates"/> (N × H × A) and returns the index of the best, or −1 when no score is
    /// finite (the node then executes nothing from this batch: a rejected request).
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a whole number of chunks, or N is 0 or above the maximum.</exception>
    public int Select(ReadOnlySpan<float> candidates, ChunkScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var count = candidates.Length / _chunkFloats;
        if (candidates.Length % _chunkFloats != 0 || count < 1 || count > _scores.Length)
        {
            throw new ArgumentException(
                $"candidates has {candidates.Length} floats; expected N × {_chunkFloats} with 1 ≤ N ≤ {_scores.Length}",
                nameof(candidates));
        }

        _count = count;
        var scores = _scores.AsSpan(0, count);
        scores.Fill(float.NaN);
        scorer(candidates, scores);
        return ArgMax(scores);
    }

    /// <summary>Index of the largest finite score, lowest index on ties; −1 when none is finite.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        var best = -1;
        for (var i = 0; i < scores.Length; i++)
        {
            // Strictly greater: a later equal score never displaces an earlier one.
            if (float.IsFinite(scores[i]) && (best < 0 || scores[i] > scores[best]))
            {
                best = i;
            }
        }

        return best;
    }
}
