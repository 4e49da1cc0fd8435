using Robotics.Policies.Reinforcement;

namespace Robotics.Cli.Learning;

/// <summary>What to learn and how long, for <c>robotics train residual</c>.</summary>
public sealed record ResidualRunOptions
{
    public required string TaskName { get; init; }

    /// <summary>residual: ResFiT on the frozen base. rlpd: RL from scratch with demos (RLPD/SERL), the same networks with no base and α = 1.</summary>
    public string Method { get; init; } = "residual";

    /// <summary>The environment steps to learn for (LEARNING.md B1: 40 k).</summary>
    public int EnvSteps { get; init; } = 40_000;

    /// <summary>Steps of base + exploration noise before the first update (ResFiT's learning_starts).</summary>
    public int LearningStarts { get; init; } = 2_000;

    /// <summary>Scripted-expert episodes for the demonstration buffer (successful ones are kept).</summary>
    public int DemoEpisodes { get; init; } = 60;

    public int EvalEpisodes { get; init; } = 100;

    /// <summary>Environment steps between points of the learning curve.</summary>
    public int EvalEvery { get; init; } = 5_000;

    /// <summary>Episodes per point of the learning curve (the final figure uses <see cref="EvalEpisodes"/>).</summary>
    public int CurveEpisodes { get; init; } = 40;

    public int Seed { get; init; } = 1;

    /// <summary>Evaluate and train under the task's benchmark shift (B1: a 4 mm actuator bias).</summary>
    public bool Shift { get; init; } = true;

    public required string LimitsFile { get; init; }

    /// <summary>The reward learned from: sparse, shaped by a reward model, or the reward model's φ itself (B3's negative control).</summary>
    public RewardKind Reward { get; init; } = RewardKind.Sparse;

    /// <summary>The reward model's directory (robotics train reward -o DIR), for shaped and progress rewards.</summary>
    public string? RewardModel { get; init; }

    /// <summary>λ in r + λ(γΦ(s′) − Φ(s)).</summary>
    public float ShapingScale { get; init; } = 1f;

    /// <summary>Skip the base, random-residual and dither evaluations (a comparison run that has them from another).</summary>
    public bool SkipBaselines { get; init; }

    public ResidualTd3Options Td3 { get; init; } = new();
}
