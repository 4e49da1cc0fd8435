namespace Robotics.Policies.Rewards;

/// <summary>
/// What the reward model says about one frame: progress φ in [0, 1], the most likely stage, τ within it and the
/// success probability (HIL-SERL thresholds p &gt; 0.85). <see cref="IsValid"/> is false for a frame whose input or
/// output was not finite: its numbers are NaN and must be quarantined, never turned into a reward.
/// </summary>
public readonly record struct RewardPrediction(float Progress, int Stage, float StageProgress, float SuccessProbability)
{
    /// <summary>The result for a frame that could not be scored (non-finite input or output).</summary>
    public static RewardPrediction Invalid { get; } = new(float.NaN, -1, float.NaN, float.NaN);

    /// <summary>Every number is finite and the stage is real.</summary>
    public bool IsValid => Stage >= 0 && float.IsFinite(Progress) && float.IsFinite(StageProgress) && float.IsFinite(SuccessProbability);
}
