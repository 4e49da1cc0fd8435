using Robotics.Policies.Chunking;

namespace Robotics.Policies.Tests.Chunking;

public class EnsembleChunkTests
{
    // wᵢ = exp(−0.01·i), i = 0 the OLDEST chunk covering the tick (ACT imitate_episodes.py, LeRobot ACTTemporalEnsembler).
    private const double W0 = 1.0;
    private const double W1 = 0.9900498337491681; // exp(−0.01)
    private const double W2 = 0.9801986733067553; // exp(−0.02)

    private static ChunkScheduler Ensemble(int actionSize = 1) =>
        new(new ChunkSchedulerOptions(actionSize, ChunkLength: 3, ChunkMode.Ensemble));

    [Fact]
    public void Ensemble_ThreeChunks_AverageWithExpWeightsOldestFirst()
    {
        var scheduler = Ensemble();
        var action = new float[1];

        // Chunk from tick 0 covers ticks 0..2, from tick 1 ticks 1..3, from tick 2 ticks 2..4.
        scheduler.AddChunk(0, [1f, 2f, 3f], nowTick: 0);
        Assert.True(scheduler.TryTake(0, action, out var obs0));
        Assert.Equal(1f, action[0]); // one chunk: its own action
        Assert.Equal(0, obs0);

        scheduler.AddChunk(1, [10f, 20f, 30f], nowTick: 1);
        Assert.True(scheduler.TryTake(1, action, out var obs1));
        // (1·2 + 0.99005·10) / (1 + 0.99005) = 11.90050 / 1.99005 = 5.98000
        Assert.Equal((W0 * 2 + W1 * 10) / (W0 + W1), action[0], 1e-5);
        Assert.Equal(5.9800001666650004, action[0], 1e-5);
        Assert.Equal(1, obs1);

        scheduler.AddChunk(2, [100f, 200f, 300f], nowTick: 2);
        Assert.True(scheduler.TryTake(2, action, out var obs2));
        // (1·3 + 0.99005·20 + 0.98020·100) / (1 + 0.99005 + 0.98020) = 120.82086 / 2.97025 = 40.67702
        Assert.Equal(40.677022046689004, action[0], 1e-4);
        Assert.Equal(2, obs2); // the newest contributing chunk

        // Tick 3: the chunk from tick 0 no longer covers it; the chunk from tick 1 is now the oldest, i = 0.
        Assert.True(scheduler.TryTake(3, action, out var obs3));
        // (1·30 + 0.99005·200) / (1 + 0.99005) = 228.00997 / 1.99005 = 114.57500
        Assert.Equal(114.57500354163125, action[0], 1e-4);
        Assert.Equal(2, obs3);

        Assert.True(scheduler.TryTake(4, action, out _));
        Assert.Equal(300f, action[0]);
        Assert.False(scheduler.TryTake(5, action, out _));
        Assert.Equal(1, scheduler.DryTicks);
    }

    [Fact]
    public void Ensemble_SkippedQuery_CountsOnlyTheChunksCoveringTheTick()
    {
        // ACT keeps only the populated rows of all_time_actions[:, t]: a missing query leaves no hole in i.
        var scheduler = Ensemble();
        var action = new float[1];
        scheduler.AddChunk(0, [1f, 2f, 3f], nowTick: 0);
        scheduler.AddChunk(2, [100f, 200f, 300f], nowTick: 2);

        Assert.True(scheduler.TryTake(2, action, out _));
        // (1·3 + 0.99005·100) / (1 + 0.99005) = 102.00498 / 1.99005 = 51.25750
        Assert.Equal(51.25750202081312, action[0], 1e-4);
    }

    [Fact]
    public void Ensemble_AveragesEveryActionElement()
    {
        var scheduler = Ensemble(actionSize: 2);
        var action = new float[2];
        scheduler.AddChunk(0, [0f, 0f, 1f, -1f, 0f, 0f], nowTick: 0);
        scheduler.AddChunk(1, [3f, -3f, 0f, 0f, 0f, 0f], nowTick: 1);

        Assert.True(scheduler.TryTake(1, action, out _));
        // Element 0: (1·1 + W1·3) / (1 + W1); element 1 the same, negated.
        var expected = (W0 * 1 + W1 * 3) / (W0 + W1);
        Assert.Equal(expected, action[0], 1e-5);
        Assert.Equal(-expected, action[1], 1e-5);
    }

    [Fact]
    public void Ensemble_AsksForAChunkEveryTick()
    {
        var scheduler = Ensemble();
        var action = new float[1];
        for (var tick = 0; tick < 5; tick++)
        {
            Assert.True(scheduler.NeedsInference(tick));
            scheduler.MarkRequested(tick);
            Assert.False(scheduler.NeedsInference(tick));
            scheduler.AddChunk(tick, [1f, 1f, 1f], nowTick: tick);
            Assert.False(scheduler.NeedsInference(tick));
            Assert.True(scheduler.TryTake(tick, action, out var observationTick));
            Assert.Equal(tick, observationTick);
        }

        Assert.Equal(3, scheduler.Depth(4)); // the chunk from tick 4 covers 4, 5, 6
        Assert.Equal(2, scheduler.Depth(5));
    }

    [Fact]
    public void Ensemble_LateChunk_UsesOnlyItsActionsStillToCome()
    {
        var scheduler = Ensemble();
        var action = new float[1];
        scheduler.AddChunk(0, [1f, 2f, 3f], nowTick: 0);
        Assert.True(scheduler.TryTake(0, action, out _));
        Assert.True(scheduler.TryTake(1, action, out _)); // the query at tick 1 is still running

        // Observed at tick 1 but ready at tick 2: its tick-1 action is past.
        Assert.True(scheduler.AddChunk(1, [10f, 20f, 30f], nowTick: 2));
        Assert.Equal(1, scheduler.DroppedLateActions);
        Assert.True(scheduler.TryTake(2, action, out _));
        Assert.Equal((W0 * 3 + W1 * 20) / (W0 + W1), action[0], 1e-5);
    }
}
