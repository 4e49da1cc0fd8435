using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

public class RewardEpisodeTests
{
    private static readonly float[] EightFrames = [0, 1, 2, 3, 4, 5, 6, 7];

    [Fact]
    public void FromStageEvents_Success_TauRunsToOneOnTheLastFrame()
    {
        var episode = RewardEpisode.FromStageEvents(EightFrames, 1, [0, 3, 5], success: true);
        Assert.Equal([0, 0, 0, 1, 1, 2, 2, 2], episode.Stages.ToArray());
        // Stage 0 spans 3 frames (τ = t/3), stage 1 spans 2 (τ = t/2), the last stage of a success ends at τ = 1.
        Assert.Equal([0, 1 / 3f, 2 / 3f, 0, 0.5f, 0, 0.5f, 1], episode.StageProgress.ToArray());
        Assert.True(episode.Success);
        Assert.Equal(8, episode.Length);
    }

    [Fact]
    public void FromStageEvents_Failure_LastStageNeverReachesOne()
    {
        var episode = RewardEpisode.FromStageEvents(EightFrames, 1, [0, 3, 5], success: false, timeLimited: true);
        Assert.Equal([0, 1 / 3f, 2 / 3f, 0, 0.5f, 0, 1 / 3f, 2 / 3f], episode.StageProgress.ToArray());
        Assert.True(episode.TimeLimited);
    }

    [Fact]
    public void ClipAt_IsATimeLimitedFailureWithTheSameLabels()
    {
        var full = RewardEpisode.FromStageEvents(EightFrames, 1, [0, 3, 5], success: true);
        var clipped = full.ClipAt(4);
        Assert.False(clipped.Success);
        Assert.True(clipped.TimeLimited);
        Assert.Equal(full.Stages[..4].ToArray(), clipped.Stages.ToArray());
        Assert.Equal(full.StageProgress[..4].ToArray(), clipped.StageProgress.ToArray());
        Assert.Equal([0f, 1, 2, 3], clipped.States.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => full.ClipAt(9));
    }

    [Fact]
    public void InvalidEpisodes_AreRefusedNamingTheProblem()
    {
        Assert.Throws<ArgumentException>(() => new RewardEpisode([0, 1], 1, [0, 0], [0, 0], success: true, timeLimited: true));
        Assert.Contains("frame 1", Assert.Throws<ArgumentException>(() => new RewardEpisode([0, float.NaN], 1, [0, 0], [0, 0], success: false)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewardEpisode([0, 1], 1, [0, 0], [0, 1.5f], success: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewardEpisode([0, 1], 1, [0, -1], [0, 0], success: false));
        Assert.Throws<ArgumentException>(() => new RewardEpisode([0, 1, 2], 1, [0, 0], [0, 0], success: false));
        Assert.Throws<ArgumentException>(() => RewardEpisode.FromStageEvents(EightFrames, 1, [1, 3], success: true));
        Assert.Throws<ArgumentException>(() => RewardEpisode.FromStageEvents(EightFrames, 1, [0, 5, 3], success: true));
        Assert.Throws<ArgumentException>(() => RewardEpisode.FromStageEvents(EightFrames, 1, [0, 8], success: true));
    }
}
