using Robotics.Cli.Learning;
using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Cli.Tests;

/// <summary>
/// The reward residual RL learns from when a reward model is given (B3): shaped as Ng et al. 1999 with Φ(s′) := 0 only
/// on a true terminal, the φ negative control, and quarantine of a step the model cannot score.
/// </summary>
public sealed class RewardShaperTests
{
    // A 1-value task whose state is its progress: x rises 0 → 1 over three stages (trained in well under a second).
    private static readonly Lazy<RewardModel> _model = new(() => RewardModelTrainer.Train([.. Enumerable.Range(0, 30).Select(Episode)], new RewardModelOptions(3) { Hidden = [16, 16], Steps = 400, BatchSize = 64, LearningRate = 3e-3f, Seed = 3 }).Model);

    [Fact]
    public void Shaped_IsSparsePlusTheChangeInPotential_AndATrueTerminalDropsTheNextPotential()
    {
        var shaper = new RewardShaper(_model.Value, RewardKind.Shaped, scale: 1f, gamma: 0.99f);
        var probe = new RewardShaper(_model.Value, RewardKind.Progress, 1f, 0.99f);
        shaper.Begin([0.2]);
        probe.Begin([0.2]);
        Assert.True(probe.TryReward(0, terminal: false, [0.2], out var phi0));
        Assert.True(probe.TryReward(0, terminal: false, [0.8], out var phi1));
        Assert.True(phi1 > phi0 + 0.2f, $"progress rises with the state: φ(0.2) = {phi0}, φ(0.8) = {phi1}");

        Assert.True(shaper.TryReward(0, terminal: false, [0.8], out var forward)); // a time-limit-like step: Φ(s′) kept
        Assert.Equal((0.99f * phi1) - phi0, forward, 1e-4f);
        Assert.True(shaper.TryReward(1, terminal: true, [0.9], out var end));
        Assert.Equal(1 - phi1, end, 1e-4f); // success: r = 1 and Φ(s′) := 0
    }

    [Fact]
    public void AFrameTheModelCannotScore_IsQuarantined_NeverRewarded()
    {
        var shaper = new RewardShaper(_model.Value, RewardKind.Shaped, 1f, 0.99f);
        shaper.Begin([0.1]);
        Assert.False(shaper.TryReward(0, terminal: false, [double.NaN], out var reward));
        Assert.True(float.IsNaN(reward));
        Assert.Equal(1, shaper.Quarantined);
        Assert.Contains("train reward", Assert.Throws<ArgumentException>(() => shaper.Begin([0.1, 0.2])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RewardShaper(_model.Value, RewardKind.Sparse, 1f, 0.99f));
    }

    private static RewardEpisode Episode(int seed)
    {
        var rng = new Rng((ulong)seed + 1);
        var frames = rng.NextInt(30, 45);
        var states = Enumerable.Range(0, frames).Select(i => (float)i / (frames - 1)).ToArray();
        return RewardEpisode.FromStageEvents(states, 1, [0, frames / 3, 2 * frames / 3], success: true);
    }
}
