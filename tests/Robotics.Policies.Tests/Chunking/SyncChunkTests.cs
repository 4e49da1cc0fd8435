using Robotics.Policies.Chunking;

namespace Robotics.Policies.Tests.Chunking;

public class SyncChunkTests
{
    private static ChunkScheduler Sync(int executeSteps) =>
        new(new ChunkSchedulerOptions(ActionSize: 1, ChunkLength: 4, ChunkMode.Sync) { ExecuteSteps = executeSteps });

    [Fact]
    public void Sync_ExecutesNActionsOpenLoop_ThenAsksAgain()
    {
        var scheduler = Sync(executeSteps: 3);
        var action = new float[1];

        Assert.True(scheduler.NeedsInference(0));
        scheduler.MarkRequested(0);
        Assert.True(scheduler.AddChunk(0, [10f, 11f, 12f, 13f], nowTick: 0));
        Assert.False(scheduler.RequestInFlight);

        // Ticks 0, 1, 2 execute actions 0, 1, 2 of the chunk; no query in between.
        for (var tick = 0; tick < 3; tick++)
        {
            Assert.False(scheduler.NeedsInference(tick));
            Assert.True(scheduler.TryTake(tick, action, out var observationTick));
            Assert.Equal(10f + tick, action[0]);
            Assert.Equal(0, observationTick);
        }

        // n = 3 of H = 4: action 3 (13) is never executed; tick 3 asks for a new chunk.
        Assert.Equal(0, scheduler.Depth(3));
        Assert.True(scheduler.NeedsInference(3));
        scheduler.MarkRequested(3);
        scheduler.AddChunk(3, [20f, 21f, 22f, 23f], nowTick: 3);
        Assert.True(scheduler.TryTake(3, action, out var fresh));
        Assert.Equal(20f, action[0]);
        Assert.Equal(3, fresh);
        Assert.Equal(2, scheduler.Depth(4)); // 21 and 22; 23 is beyond n
        Assert.Equal(4, scheduler.ActionsExecuted);
        Assert.Equal(2, scheduler.ChunksAdded);
    }

    [Fact]
    public void Sync_DefaultExecutesTheWholeChunk()
    {
        var options = new ChunkSchedulerOptions(ActionSize: 1, ChunkLength: 4, ChunkMode.Sync);
        var scheduler = new ChunkScheduler(options);
        scheduler.AddChunk(0, [1f, 2f, 3f, 4f], nowTick: 0);

        Assert.Equal(4, options.EffectiveExecuteSteps);
        Assert.Equal(4, scheduler.Depth(0));
        Assert.False(scheduler.NeedsInference(3));
        Assert.True(scheduler.NeedsInference(4));
    }

    [Fact]
    public void Sync_QueueDry_ReturnsFalseAndNeverRepeatsTheLastAction()
    {
        var scheduler = Sync(executeSteps: 2);
        var action = new float[1];
        scheduler.AddChunk(0, [10f, 11f, 12f, 13f], nowTick: 0);
        Assert.True(scheduler.TryTake(0, action, out _));
        Assert.True(scheduler.TryTake(1, action, out _));
        Assert.Equal(11f, action[0]);

        Assert.False(scheduler.TryTake(2, action, out var observationTick));
        Assert.True(float.IsNaN(action[0])); // not 11 (the last action), not 12 (beyond n)
        Assert.Equal(-1, observationTick);
        Assert.False(scheduler.TryTake(3, action, out _));
        Assert.Equal(2, scheduler.DryTicks);
        Assert.Equal(2, scheduler.ActionsExecuted);
    }

    [Fact]
    public void Sync_SlowInference_DropsTheActionsWhoseTicksPassed()
    {
        var scheduler = Sync(executeSteps: 4);
        var action = new float[1];
        scheduler.MarkRequested(0);
        Assert.False(scheduler.TryTake(0, action, out _)); // waiting for the policy
        Assert.False(scheduler.TryTake(1, action, out _));

        // Observed at tick 0, ready at tick 2: actions for ticks 0 and 1 are in the past.
        Assert.True(scheduler.AddChunk(0, [10f, 11f, 12f, 13f], nowTick: 2));
        Assert.Equal(2, scheduler.DroppedLateActions);
        Assert.Equal(2, scheduler.Depth(2));
        Assert.True(scheduler.TryTake(2, action, out var observationTick));
        Assert.Equal(12f, action[0]);
        Assert.Equal(0, observationTick);
    }
}
