using Robotics.Policies.Learning;
using Robotics.Policies.Reinforcement;

namespace Robotics.Policies.Tests.Reinforcement;

public sealed class LearnerCheckpointTests : IDisposable
{
    private static readonly ResidualTd3Options _options = new() { Hidden = [8, 8], BatchSize = 8, Critics = 2, CriticWarmupUpdates = 0, Seed = 5 };
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"robotics-learner-{Guid.NewGuid():N}");

    [Fact]
    public void Resume_RestoresEveryNetworkOptimizerAndCounter()
    {
        var learner = Trained(updates: 20);
        LearnerCheckpoint.Save(_directory, learner, new LearnerProgress(20, 7, 300));

        var resumed = new ResidualTd3(1, 1, _options with { Seed = 99 });
        Assert.True(LearnerCheckpoint.TryResume(_directory, resumed, out var progress));
        Assert.Equal(new LearnerProgress(20, 7, 300), progress);
        Assert.Equal((learner.CriticUpdates, learner.ActorUpdates), (resumed.CriticUpdates, resumed.ActorUpdates));
        foreach (var ((name, a, adamA), (_, b, adamB)) in learner.Networks().Zip(resumed.Networks()))
        {
            Assert.True(Values(a).SequenceEqual(Values(b)), name);
            Assert.Equal(adamA?.StepCount, adamB?.StepCount);
        }
    }

    [Fact]
    public void APublishedVersionAfterTheCheckpoint_IsWhereTheResumedCountGoesOn()
    {
        var learner = Trained(updates: 2);
        LearnerCheckpoint.Save(_directory, learner, new LearnerProgress(2, 3, 10));
        LearnerCheckpoint.RecordPublished(_directory, 9); // published after the checkpoint, then the learner died
        Assert.True(LearnerCheckpoint.TryResume(_directory, new ResidualTd3(1, 1, _options), out var progress));
        Assert.Equal(9ul, progress.Version);
    }

    [Fact]
    public void ANewerCheckpoint_ReplacesTheOlderFolder()
    {
        var learner = Trained(updates: 2);
        LearnerCheckpoint.Save(_directory, learner, new LearnerProgress(2, 1, 10));
        LearnerCheckpoint.Save(_directory, learner, new LearnerProgress(3, 2, 11));
        Assert.Single(Directory.GetDirectories(_directory));
        Assert.False(File.Exists(Path.Combine(_directory, LearnerCheckpoint.LatestFile + ".tmp")));
        Assert.True(LearnerCheckpoint.TryResume(_directory, new ResidualTd3(1, 1, _options), out var progress));
        Assert.Equal(3, progress.Steps);
    }

    [Fact]
    public void NoCheckpoint_IsFalse_AndAnotherShape_SaysWhichSizes()
    {
        Assert.False(LearnerCheckpoint.TryResume(_directory, new ResidualTd3(1, 1, _options), out _));
        LearnerCheckpoint.Save(_directory, Trained(updates: 1), new LearnerProgress(1, 1, 1));
        var error = Assert.Throws<InvalidDataException>(() => LearnerCheckpoint.TryResume(_directory, new ResidualTd3(1, 1, _options with { Hidden = [16, 8] }), out _));
        Assert.Contains("hidden [8, 8]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADamagedNetworkFile_IsNamed()
    {
        LearnerCheckpoint.Save(_directory, Trained(updates: 1), new LearnerProgress(1, 1, 1));
        var file = Directory.GetFiles(Directory.GetDirectories(_directory)[0], "critic_1.rnet").Single();
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..20]);
        var error = Assert.Throws<InvalidDataException>(() => LearnerCheckpoint.TryResume(_directory, new ResidualTd3(1, 1, _options), out _));
        Assert.Contains("critic_1.rnet", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static ResidualTd3 Trained(int updates)
    {
        var learner = new ResidualTd3(1, 1, _options);
        var (online, demos) = (new ReplayBuffer(64, 2, 1), new ReplayBuffer(8, 2, 1));
        for (var t = 0; t < 32; t++)
        {
            online.Add([t / 32f, 0], [0.1f], 1, [(t + 1) / 32f, 0], terminal: t == 31, truncated: false);
        }

        var sampler = new SymmetricSampler(online, demos);
        for (var i = 0; i < updates; i++)
        {
            learner.Update(sampler);
        }

        return learner;
    }

    private static float[] Values(Mlp network) => [.. network.Parameters.SelectMany(p => p.Value)];
}
