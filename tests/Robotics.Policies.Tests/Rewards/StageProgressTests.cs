using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

public class StageProgressTests
{
    private static RewardEpisode Episode(int[] stages, bool success) =>
        new(new float[stages.Length], 1, stages, new float[stages.Length], success, timeLimited: !success);

    [Fact]
    public void StageFractions_AreTheMeanTimeSharesOfTheSuccessesOnly()
    {
        // A: 2, 3, 5 of 10 frames → (0.2, 0.3, 0.5); B: 2, 1, 1 of 4 → (0.5, 0.25, 0.25); the failure is ignored.
        RewardEpisode[] episodes =
        [
            Episode([0, 0, 1, 1, 1, 2, 2, 2, 2, 2], success: true),
            Episode([0, 0, 1, 2], success: true),
            Episode([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], success: false),
        ];
        var fractions = StageProgress.StageFractions(episodes, 3);
        Assert.Equal(0.35, fractions[0], 12);
        Assert.Equal(0.275, fractions[1], 12);
        Assert.Equal(0.375, fractions[2], 12);
    }

    [Fact]
    public void Progress_IsTheFinishedStagesPlusTheShareOfTheCurrentOne()
    {
        double[] fractions = [0.35, 0.275, 0.375];
        Assert.Equal(0, StageProgress.Progress(fractions, 0, 0), 12);
        Assert.Equal(0.35 + (0.275 * 0.5), StageProgress.Progress(fractions, 1, 0.5), 12); // 0.4875
        Assert.Equal(1, StageProgress.Progress(fractions, 2, 1), 12);
        Assert.Equal(0.35, StageProgress.Progress(fractions, 0, 1.5), 12); // a regressed τ past 1 is clamped
        Assert.Equal(StageProgress.Progress(fractions, 0, 1), StageProgress.Progress(fractions, 1, 0), 12); // continuous at a boundary
        Assert.Throws<ArgumentOutOfRangeException>(() => StageProgress.Progress(fractions, 3, 0));
    }

    [Fact]
    public void Targets_FollowEachFramesStageAndTau()
    {
        var episode = new RewardEpisode(new float[3], 1, [0, 1, 1], [0.5f, 0, 1], success: true);
        double[] fractions = [0.25, 0.75];
        Assert.Equal([0.125, 0.25, 1.0], StageProgress.Targets(episode, fractions));
    }

    [Fact]
    public void StageFractions_WithoutASuccessOrWithAnUnknownStage_Throw()
    {
        Assert.Throws<ArgumentException>(() => StageProgress.StageFractions([Episode([0, 1], success: false)], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => StageProgress.StageFractions([Episode([0, 2], success: true)], 2));
    }
}
