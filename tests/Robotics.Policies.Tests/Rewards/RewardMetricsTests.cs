using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

public class RewardMetricsTests
{
    [Fact]
    public void Ranks_TiesShareTheMeanRank() =>
        Assert.Equal([1, 2.5, 2.5, 4, 6, 6, 6], RewardMetrics.Ranks([10, 20, 20, 30, 40, 40, 40]));

    [Fact]
    public void Spearman_HandComputed()
    {
        Assert.Equal(-1, RewardMetrics.Spearman([1, 2, 3], [3, 2, 1]), 12);
        Assert.Equal(1, RewardMetrics.Spearman([1, 2, 3], [10, 200, 3000]), 12); // ranks only: any monotone map is 1
        // Ties: ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5 → 4.5/√22.5.
        Assert.Equal(4.5 / Math.Sqrt(22.5), RewardMetrics.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
        Assert.True(double.IsNaN(RewardMetrics.Spearman([1, 1, 1], [1, 2, 3])));
        Assert.True(double.IsNaN(RewardMetrics.Spearman([1, double.NaN, 3], [1, 2, 3])));
        Assert.Throws<ArgumentException>(() => RewardMetrics.Spearman([1], [1]));
    }

    [Fact]
    public void Auroc_MannWhitney_TiesCountHalf()
    {
        Assert.Equal(1, RewardMetrics.Auroc([0.9, 0.8, 0.2, 0.1], [true, true, false, false]), 12);
        Assert.Equal(0, RewardMetrics.Auroc([0.1, 0.2, 0.8, 0.9], [true, true, false, false]), 12);
        Assert.Equal(0.5, RewardMetrics.Auroc([0.5, 0.5, 0.5, 0.5], [true, false, true, false]), 12);
        // Positives (0.9, 0.5) against negatives (0.5, 0.1): pairs 1, 1, ½ (the tie), 1 → 3.5/4.
        Assert.Equal(0.875, RewardMetrics.Auroc([0.9, 0.5, 0.5, 0.1], [true, true, false, false]), 12);
        // Positives (0.8, 0.4, 0.4) against (0.4, 0.2): 1 + 1 + ½ + 1 + ½ + 1 = 5 of 6 pairs.
        Assert.Equal(5 / 6.0, RewardMetrics.Auroc([0.8, 0.4, 0.4, 0.4, 0.2], [true, true, true, false, false]), 12);
        Assert.Throws<ArgumentException>(() => RewardMetrics.Auroc([0.1, 0.2], [true, true]));
        Assert.Throws<ArgumentException>(() => RewardMetrics.Auroc([double.NaN, 0.2], [true, false]));
    }

    [Fact]
    public void ValueOrderCorrelation_IsTheMeanPerEpisode_AConstantEpisodeCountingZero()
    {
        Assert.Equal(1, RewardMetrics.ValueOrderCorrelation([[0, 0.1, 0.5, 0.9]]), 12);
        Assert.Equal(0, RewardMetrics.ValueOrderCorrelation([[0, 1, 2, 3], [3, 2, 1, 0]]), 12);
        Assert.Equal(0.5, RewardMetrics.ValueOrderCorrelation([[0.4, 0.4, 0.4], [0, 1, 2]]), 12);
    }

    [Fact]
    public void RolloutCorrelation_PoolsFramesOfAllEpisodes()
    {
        // Pooled predictions (0.1, 0.2, 0.3, 0.4) against truth (0, 0.5, 0.2, 1): rank differences (0, −1, 1, 0),
        // ρ = 1 − 6·2/(4·15) = 0.8. Per episode each would be 1.
        Assert.Equal(0.8, RewardMetrics.RolloutCorrelation([[0.1, 0.2], [0.3, 0.4]], [[0, 0.5], [0.2, 1]]), 12);
        Assert.Throws<ArgumentException>(() => RewardMetrics.RolloutCorrelation([[0.1, 0.2]], [[0]]));
    }

    [Fact]
    public void PairwiseOrderAccuracy_CountsOrderedPairsWithinEpisodes()
    {
        // Six pairs, only (1, 2) reversed.
        Assert.Equal(5 / 6.0, RewardMetrics.PairwiseOrderAccuracy([[0, 0.5, 0.4, 1]], [[0, 0.3, 0.6, 1]]), 12);
        // A tied prediction counts half; a tied truth is skipped.
        Assert.Equal(2.5 / 3, RewardMetrics.PairwiseOrderAccuracy([[0, 0, 1]], [[0, 1, 2]]), 12);
        Assert.Equal(1, RewardMetrics.PairwiseOrderAccuracy([[1, 0, 2]], [[0, 0, 1]]), 12);
    }
}
