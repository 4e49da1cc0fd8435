using Robotics.Policies.Rewards;

namespace Robotics.Cli.Learning;

/// <summary>Which reward residual RL learns from (LEARNING.md §4, B3).</summary>
public enum RewardKind
{
    /// <summary>1 on success, which ends the episode; 0 otherwise.</summary>
    Sparse,

    /// <summary>Sparse plus potential-based shaping with the reward model's progress: r + λ(γΦ(s′) − Φ(s)).</summary>
    Shaped,

    /// <summary>r = φ(s′) itself, the negative control: the agent is paid for hovering at high progress.</summary>
    Progress,
}

/// <summary>
/// Turns a step's sparse outcome into the reward residual RL learns from, scoring each frame live with a trained
/// reward model (<c>robotics train reward</c>). A frame the model cannot score (NaN in or out) makes the step
/// quarantined: no reward is made up for it and the caller must not store it.
/// </summary>
public sealed class RewardShaper
{
    private readonly RewardModel _model;
    private readonly RewardContext _context;
    private readonly PotentialShaping _shaping;
    private readonly float[] _frame;
    private readonly float[] _input;
    private float _potential;

    public RewardShaper(RewardModel model, RewardKind kind, float scale, float gamma)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (kind == RewardKind.Sparse)
        {
            throw new ArgumentException("sparse rewards need no reward model", nameof(kind));
        }

        (_model, Kind) = (model, kind);
        _context = new RewardContext(model);
        _shaping = new PotentialShaping(scale, gamma);
        _frame = new float[model.StateSize];
        _input = new float[_context.InputSize];
    }

    public RewardKind Kind { get; }

    /// <summary>Steps whose frame could not be scored, so no reward was given for them.</summary>
    public long Quarantined { get; private set; }

    /// <summary>A new episode starts at <paramref name="observation"/> (the task's raw observation).</summary>
    public void Begin(ReadOnlySpan<double> observation)
    {
        _context.Reset();
        _potential = Score(observation);
    }

    /// <summary>
    /// The reward for the step that led to <paramref name="next"/>; false when Φ(s) or Φ(s′) is not finite (the step is
    /// quarantined). <paramref name="terminal"/>: a true end, where Φ(s′) := 0; a time limit keeps Φ(s′).
    /// </summary>
    public bool TryReward(float sparse, bool terminal, ReadOnlySpan<double> next, out float reward)
    {
        var nextPotential = Score(next);
        var ok = Kind == RewardKind.Progress
            ? float.IsFinite(reward = nextPotential)
            : _shaping.TryShape(sparse, _potential, nextPotential, terminal, out reward);
        _potential = nextPotential;
        Quarantined += ok ? 0 : 1;
        return ok;
    }

    private float Score(ReadOnlySpan<double> observation)
    {
        if (observation.Length != _frame.Length)
        {
            throw new ArgumentException($"the reward model scores {_frame.Length} observation values and the task gives {observation.Length}: train it on this task (robotics train reward --task ...)", nameof(observation));
        }

        for (var i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (float)observation[i];
        }

        _context.Push(_frame);
        _context.Write(_input);
        return _model.TryPredict(_input, out var prediction) ? prediction.Progress : float.NaN;
    }
}
