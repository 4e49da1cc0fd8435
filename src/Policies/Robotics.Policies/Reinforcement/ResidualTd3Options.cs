namespace Robotics.Policies.Reinforcement;

/// <summary>
/// Residual TD3 (ResFiT, Ankile et al. 2025; LEARNING.md §3) with the CPU profile of this machine as defaults:
/// hidden 256 × 2 with LayerNorm, 2 critics, UTD 1, batch 128. Every value is checked when set, with the field named.
/// All actions are normalized to [−1, 1].
/// </summary>
public sealed record ResidualTd3Options
{
    private readonly float _alpha = 0.1f;
    private readonly float _explorationStd = 0.05f;
    private readonly float _gamma = 0.99f;
    private readonly int _nStep = 3;
    private readonly int _critics = 2;
    private readonly int _targetSubset = 2;
    private readonly int _batchSize = 128;
    private readonly int _updatesPerStep = 1;
    private readonly float _tau = 0.005f;
    private readonly float _criticLearningRate = 1e-4f;
    private readonly float _actorLearningRate = 3e-5f;
    private readonly float _maxGradientNorm = 1f;
    private readonly float _targetNoiseStd = 0.2f;
    private readonly float _targetNoiseClip = 0.3f;
    private readonly int[] _hidden = [256, 256];
    private readonly int _criticWarmupUpdates = 1000;
    private readonly int _actorUpdateInterval = 1;

    /// <summary>The residual's bound: a_exec = base + α·tanh(f). ResFiT: 0.1 (0.2 on hard tasks).</summary>
    public float Alpha { get => _alpha; init => _alpha = InRange(value, 1e-6f, 1f, nameof(Alpha)); }

    /// <summary>
    /// Exploration noise ε ~ N(0, σ²) (ResFiT: 0.05), added to α·tanh(f) and the sum clipped to ±α, so what the robot
    /// executes never leaves the residual's bound and the supervisor never has to cap it.
    /// </summary>
    public float ExplorationStd { get => _explorationStd; init => _explorationStd = InRange(value, 0f, 1f, nameof(ExplorationStd)); }

    public float Gamma { get => _gamma; init => _gamma = InRange(value, 0f, 1f, nameof(Gamma)); }

    /// <summary>n-step returns (ResFiT: 3).</summary>
    public int NStep { get => _nStep; init => _nStep = InRange(value, 1, 100, nameof(NStep)); }

    /// <summary>Critic ensemble size (ResFiT: 10; 2–4 on this CPU).</summary>
    public int Critics { get => _critics; init => _critics = InRange(value, 1, 64, nameof(Critics)); }

    /// <summary>Target = min over a random subset of this many target critics (REDQ; ResFiT: a pair).</summary>
    public int TargetSubset { get => _targetSubset; init => _targetSubset = InRange(value, 1, 64, nameof(TargetSubset)); }

    public int BatchSize { get => _batchSize; init => _batchSize = InRange(value, 2, 1 << 16, nameof(BatchSize)); }

    /// <summary>Critic updates per environment step (UTD; ResFiT 4, 1–2 on this CPU).</summary>
    public int UpdatesPerStep { get => _updatesPerStep; init => _updatesPerStep = InRange(value, 1, 64, nameof(UpdatesPerStep)); }

    /// <summary>Polyak rate of the target networks (0.005).</summary>
    public float Tau { get => _tau; init => _tau = InRange(value, 1e-6f, 1f, nameof(Tau)); }

    public float CriticLearningRate { get => _criticLearningRate; init => _criticLearningRate = InRange(value, 1e-9f, 1f, nameof(CriticLearningRate)); }

    /// <summary>
    /// ResFiT uses 1e-6 over hundreds of thousands of steps. For the 20–60 k steps of the CPU profile 3e-5 works on B1
    /// (insertion, 3 seeds); 1e-4 drove the residual to ±α within 2 k updates, before the critics knew anything.
    /// </summary>
    public float ActorLearningRate { get => _actorLearningRate; init => _actorLearningRate = InRange(value, 1e-9f, 1f, nameof(ActorLearningRate)); }

    public float MaxGradientNorm { get => _maxGradientNorm; init => _maxGradientNorm = InRange(value, 1e-6f, 1e6f, nameof(MaxGradientNorm)); }

    /// <summary>TD3 target policy smoothing on tanh(f) before α scales it: N(0, 0.2²) clipped at ±0.3 (Fujimoto et al. 2018).</summary>
    public float TargetNoiseStd { get => _targetNoiseStd; init => _targetNoiseStd = InRange(value, 0f, 10f, nameof(TargetNoiseStd)); }

    public float TargetNoiseClip { get => _targetNoiseClip; init => _targetNoiseClip = InRange(value, 0f, 10f, nameof(TargetNoiseClip)); }

    /// <summary>Hidden widths of actor and critics; LayerNorm follows every hidden layer (ResFiT).</summary>
    public IReadOnlyList<int> Hidden
    {
        get => _hidden;
        init => _hidden = value is { Count: > 0 } && value.All(h => h is > 0 and <= 1 << 14)
            ? [.. value]
            : throw new ArgumentOutOfRangeException(nameof(Hidden), value, "Hidden needs at least one width, each in 1..16384.");
    }

    /// <summary>Critic-only updates before the actor starts to move (ResFiT's critic warm-up).</summary>
    public int CriticWarmupUpdates { get => _criticWarmupUpdates; init => _criticWarmupUpdates = InRange(value, 0, int.MaxValue, nameof(CriticWarmupUpdates)); }

    /// <summary>One actor update every this many critic updates (TD3's delayed policy update; 1 with UTD 1).</summary>
    public int ActorUpdateInterval { get => _actorUpdateInterval; init => _actorUpdateInterval = InRange(value, 1, 64, nameof(ActorUpdateInterval)); }

    public ulong Seed { get; init; } = 1;

    private static float InRange(float value, float min, float max, string name) =>
        float.IsFinite(value) && value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}].");

    private static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}].");
}
