using Robotics.Policies.Learning;

namespace Robotics.Policies.Rewards;

/// <summary>
/// Draws training rows: a frame uniformly over all frames, or, with the rewind probability, a frame of a rewound
/// sequence (SARM): the episode runs forward to a turn frame p, then back p − 1, p − 2, …, p − r; a row at rewound
/// position p + u copies frame p − u and its targets, while its context holds the frames after it — motion in
/// reverse with progress going down. Optional pair rows for the pairwise head: (i, j) in one episode with target
/// clip((j − i)/(T − i), −1, 1).
/// </summary>
internal sealed class RewardSampler
{
    private readonly IReadOnlyList<PreparedEpisode> _episodes;
    private readonly long[] _cumulativeFrames;
    private readonly RewardModelOptions _options;
    private readonly Rng _rng;

    public RewardSampler(IReadOnlyList<PreparedEpisode> episodes, RewardModelOptions options, Rng rng)
    {
        (_episodes, _options, _rng) = (episodes, options, rng);
        _cumulativeFrames = new long[episodes.Count];
        var total = 0L;
        for (var e = 0; e < episodes.Count; e++)
        {
            total += episodes[e].Length;
            _cumulativeFrames[e] = total;
        }
    }

    /// <summary>
    /// Fills <paramref name="batch"/> rows of inputs ([batch, C·S]) and targets; when <paramref name="pairInputs"/> is
    /// not empty also one pair per row ([batch, 2·C·S], the row's own context first) and its target.
    /// </summary>
    public void Sample(int batch, Span<float> inputs, Span<int> stages, Span<float> taus, Span<float> success, Span<float> pairInputs, Span<float> pairTargets)
    {
        var (c, stride) = (_options.ContextFrames, _options.ContextStride);
        var width = c * _episodes[0].StateSize;
        for (var r = 0; r < batch; r++)
        {
            var episode = _episodes[EpisodeOf(NextFrame())];
            var length = episode.Length;
            int position, turn, frame;
            if (length >= 2 && _rng.NextDouble() < _options.RewindProbability)
            {
                turn = _rng.NextInt(1, length);
                var back = _rng.NextInt(1, turn + 1);
                position = turn + _rng.NextInt(1, back + 1);
                frame = (2 * turn) - position;
            }
            else
            {
                (turn, frame) = (length - 1, _rng.NextInt(length));
                position = frame;
            }

            var input = inputs.Slice(r * width, width);
            episode.Context(position, turn, c, stride, input);
            (stages[r], taus[r], success[r]) = (episode.Stages[frame], episode.Taus[frame], episode.Success[frame]);
            if (!pairInputs.IsEmpty)
            {
                var other = _rng.NextInt(length);
                var pair = pairInputs.Slice(r * 2 * width, 2 * width);
                input.CopyTo(pair);
                episode.Context(other, length - 1, c, stride, pair[width..]);
                pairTargets[r] = PairTarget(frame, other, length);
            }
        }
    }

    /// <summary>clip((j − i)/(T − i), −1, 1): the share of the remaining episode between i and j (VLAC, Robo-Dopamine).</summary>
    public static float PairTarget(int i, int j, int length) => Math.Clamp((float)(j - i) / (length - i), -1f, 1f);

    private long NextFrame() => (long)(_rng.NextDouble() * _cumulativeFrames[^1]);

    private int EpisodeOf(long frame)
    {
        var index = Array.BinarySearch(_cumulativeFrames, frame + 1);
        return index >= 0 ? index : ~index;
    }
}
