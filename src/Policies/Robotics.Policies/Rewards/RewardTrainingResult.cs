namespace Robotics.Policies.Rewards;

/// <summary>A trained reward model and its learning curve.</summary>
public sealed record RewardTrainingResult(RewardModel Model, IReadOnlyList<RewardTrainingProgress> Curve);
