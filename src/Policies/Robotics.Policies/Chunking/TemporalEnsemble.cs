namespace Robotics.Policies.Chunking;

/// <summary>
/// ACT temporal ensembling (Zhao et al. 2023, "Learning Fine-Grained Bimanual Manipulation with Low-Cost Hardware",
/// Algorithm 2). The action for tick t averages the actions every stored chunk predicted for t:
/// a_t = Σᵢ wᵢ·Aᵢ[t] / Σᵢ wᵢ, wᵢ = exp(−m·i), with i counting the chunks that cover t from the OLDEST (i = 0).
/// As in the ACT code (tonyzhaozh/act imitate_episodes.py: <c>exp_weights = np.exp(-k * np.arange(len(actions_for_curr_step)))</c>
/// over the populated rows of <c>all_time_actions[:, t]</c>, oldest query first, <c>k = 0.01</c>) and LeRobot
/// <c>ACTTemporalEnsembler</c> ("w₀ is the oldest action"). Chunks live in a ring of H slots: with observation ticks
/// strictly increasing, at most H chunks cover any tick, and the one a new chunk evicts covers no tick still to come.
/// </summary>
internal sealed class TemporalEnsemble
{
    private readonly float[] _chunks;
    private readonly long[] _observationTicks;
    private readonly double[] _weights;
    private readonly double[] _sum;
    private readonly int _actionSize;
    private readonly int _chunkLength;
    private int _count;
    private int _next;

    public TemporalEnsemble(int actionSize, int chunkLength, double decay)
    {
        _actionSize = actionSize;
        _chunkLength = chunkLength;
        _chunks = new float[chunkLength * chunkLength * actionSize];
        _observationTicks = new long[chunkLength];
        _sum = new double[actionSize];
        _weights = new double[chunkLength];
        for (var i = 0; i < chunkLength; i++)
        {
            _weights[i] = Math.Exp(-decay * i);
        }
    }

    public void Add(long observationTick, ReadOnlySpan<float> chunk)
    {
        chunk.CopyTo(_chunks.AsSpan(_next * _chunkLength * _actionSize, _chunkLength * _actionSize));
        _observationTicks[_next] = observationTick;
        _next = (_next + 1) % _chunkLength;
        _count = Math.Min(_count + 1, _chunkLength);
    }

    /// <summary>Writes the ensembled action for <paramref name="tick"/>; false when no stored chunk covers it.</summary>
    public bool TryTake(long tick, Span<float> action, out long newestObservationTick)
    {
        Array.Clear(_sum);
        var weightSum = 0.0;
        var i = 0; // index among the chunks covering tick, oldest first: selects wᵢ
        newestObservationTick = -1;
        for (var k = 0; k < _count; k++)
        {
            var slot = (_next - _count + k + _chunkLength) % _chunkLength; // oldest stored chunk first
            var step = tick - _observationTicks[slot];
            if (step < 0 || step >= _chunkLength)
            {
                continue;
            }

            var w = _weights[i++];
            weightSum += w;
            var source = _chunks.AsSpan(((slot * _chunkLength) + (int)step) * _actionSize, _actionSize);
            for (var j = 0; j < _actionSize; j++)
            {
                _sum[j] += w * source[j];
            }

            newestObservationTick = _observationTicks[slot];
        }

        if (i == 0)
        {
            return false;
        }

        for (var j = 0; j < _actionSize; j++)
        {
            action[j] = (float)(_sum[j] / weightSum);
        }

        return true;
    }

    /// <summary>Consecutive ticks from <paramref name="tick"/> on that at least one stored chunk covers.</summary>
    public int Depth(long tick)
    {
        // Chunks sorted by start and all H long: one sweep extends the covered run [tick, end).
        var end = tick;
        for (var k = 0; k < _count; k++)
        {
            var start = _observationTicks[(_next - _count + k + _chunkLength) % _chunkLength];
            if (start <= end && start + _chunkLength > end)
            {
                end = start + _chunkLength;
            }
        }

        return (int)(end - tick);
    }

    public void Clear() => (_count, _next) = (0, 0);
}
