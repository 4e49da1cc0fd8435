using Robotics.Policies.Chunking;

namespace Robotics.Policies.Inference;

/// <summary>
/// Test-time action selection on a policy runner's rows (off unless configured): N candidate chunks around the
/// policy's own (candidate 0 unperturbed, the rest with seeded Gaussian noise, in the normalized [−1, 1] space),
/// scored in one batched run of a critic or reward ONNX model, the best one kept. The critic takes
/// <see cref="CriticInput"/> = [N, F + H·A], the normalized state followed by the normalized chunk, and returns
/// <see cref="CriticOutput"/> = [N, 1], higher is better. A candidate whose score is not finite never wins; when
/// none is finite the row is refused like a NaN chunk (nothing moves). Owns the critic model.
/// </summary>
public sealed class CandidateSteering : IDisposable
{
    public const string CriticInput = "critic.input";
    public const string CriticOutput = "score";

    private readonly IPolicyModel _model;
    private readonly IModelBinding _critic;
    private readonly CandidateGenerator _generator;
    private readonly CandidateSelector _selector;
    private readonly ChunkScorer _scorer;
    private readonly float[] _candidates;
    private readonly int _stateSize;
    private readonly int _chunkFloats;
    private float[] _state = [];

    public CandidateSteering(IPolicyModel critic, int stateSize, int chunkFloats, int candidates, double noiseStd, int seed)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 2);
        (_model, _stateSize, _chunkFloats, Candidates) = (critic, stateSize, chunkFloats, candidates);
        _critic = critic.Bind(new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            [CriticInput] = [candidates, stateSize + chunkFloats],
            [CriticOutput] = [candidates, 1],
        });
        _generator = new CandidateGenerator(seed, noiseStd);
        _selector = new CandidateSelector(chunkFloats, candidates);
        _candidates = new float[candidates * chunkFloats];
        _scorer = Score;
    }

    public int Candidates { get; }

    /// <summary>How often a perturbed candidate beat the policy's own chunk.</summary>
    public long Replaced { get; private set; }

    /// <summary>Replaces <paramref name="chunk"/> (normalized, H·A) by the best-scored candidate; false when none scored.</summary>
    public bool Steer(ReadOnlySpan<float> normalizedState, Span<float> chunk)
    {
        _state = _state.Length == normalizedState.Length ? _state : new float[normalizedState.Length];
        normalizedState.CopyTo(_state);
        _generator.Generate(chunk, _candidates);
        var best = _selector.Select(_candidates, _scorer);
        if (best < 0)
        {
            return false;
        }

        Replaced += best == 0 ? 0 : 1;
        _candidates.AsSpan(best * _chunkFloats, _chunkFloats).CopyTo(chunk);
        return true;
    }

    public void Dispose()
    {
        _critic.Dispose();
        _model.Dispose();
    }

    private void Score(ReadOnlySpan<float> candidates, Span<float> scores)
    {
        var input = _critic.Floats(CriticInput);
        var row = _stateSize + _chunkFloats;
        for (var i = 0; i < Candidates; i++)
        {
            _state.AsSpan(0, _stateSize).CopyTo(input.Slice(i * row, _stateSize));
            candidates.Slice(i * _chunkFloats, _chunkFloats).CopyTo(input.Slice((i * row) + _stateSize, _chunkFloats));
        }

        _critic.Run();
        _critic.Floats(CriticOutput)[..Candidates].CopyTo(scores);
    }
}
