namespace Robotics.Policies.Chunking;

/// <summary>
/// Scores N candidate chunks in one batch (a critic Q(s, a) or a reward model run once over all of them), higher is
/// better. <paramref name="candidates"/> holds N × H × A floats, candidate n at [n·H·A, (n + 1)·H·A);
/// <paramref name="scores"/> has N entries, pre-filled with NaN so a candidate the scorer skips never wins.
/// </summary>
public delegate void ChunkScorer(ReadOnlySpan<float> candidates, Span<float> scores);
