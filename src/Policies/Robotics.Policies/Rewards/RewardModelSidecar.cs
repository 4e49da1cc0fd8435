namespace Robotics.Policies.Rewards;

/// <summary>reward.json: what turns the network's outputs into progress and raw states into its inputs.</summary>
internal sealed record RewardModelSidecar
{
    public const string CurrentFormat = "robotics-reward/1";

    public string Format { get; init; } = CurrentFormat;

    public int Stages { get; init; }

    public int StateSize { get; init; }

    public int ContextFrames { get; init; } = 1;

    public int ContextStride { get; init; } = 1;

    /// <summary>ᾱ, K values summing to 1.</summary>
    public IReadOnlyList<double> StageFractions { get; init; } = [];

    public IReadOnlyList<double> StateMean { get; init; } = [];

    public IReadOnlyList<double> StateStd { get; init; } = [];

    public bool PairwiseHead { get; init; }
}
