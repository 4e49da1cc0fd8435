using Robotics.Policies.Chunking;

namespace Robotics.Policies.Tests.Chunking;

public class AsyncChunkTests
{
    private static ChunkScheduler Async(ChunkMerge merge, int chunkLength = 6, double threshold = 0.5) =>
        new(new ChunkSchedulerOptions(ActionSize: 2, chunkLength, ChunkMode.Async) { AsyncMerge = merge, AsyncThreshold = threshold });

    // Action i of a chunk is (v, −v); the second element checks the merge touches every element.
    private static float[] Chunk(params float[] values) => [.. values.SelectMany(v => new[] { v, -v })];

    [Fact]
    public void Async_RequestsExactlyWhenDepthFallsToGTimesH()
    {
        var scheduler = Async(ChunkMerge.Blend); // H = 6, g = 0.5: request at depth ≤ 3
        var action = new float[2];
        scheduler.AddChunk(0, Chunk(0, 1, 2, 3, 4, 5), nowTick: 0);

        Assert.False(scheduler.NeedsInference(0)); // depth 6
        scheduler.TryTake(0, action, out _);
        Assert.False(scheduler.NeedsInference(1)); // depth 5
        scheduler.TryTake(1, action, out _);
        Assert.Equal(4, scheduler.Depth(2));
        Assert.False(scheduler.NeedsInference(2)); // depth 4
        scheduler.TryTake(2, action, out _);
        Assert.Equal(3, scheduler.Depth(3));
        Assert.True(scheduler.NeedsInference(3)); // depth 3 = 0.5 · 6
    }

    [Fact]
    public void Async_Blend_MergesOverlapAsPointThreeOldPlusPointSevenNew()
    {
        var scheduler = Async(ChunkMerge.Blend);
        var action = new float[2];
        scheduler.AddChunk(0, Chunk(0, 1, 2, 3, 4, 5), nowTick: 0);
        for (var tick = 0; tick < 3; tick++)
        {
            scheduler.TryTake(tick, action, out _);
        }

        Assert.True(scheduler.NeedsInference(3));
        scheduler.MarkRequested(3);
        Assert.False(scheduler.NeedsInference(3)); // in flight
        Assert.True(scheduler.TryTake(3, action, out _));
        Assert.Equal(3f, action[0]);

        // Observed at tick 3, arrives at tick 4: its action for tick 3 is past (dropped), ticks 4 and 5 overlap the
        // queue, ticks 6..8 are new.
        Assert.True(scheduler.AddChunk(3, Chunk(10, 11, 12, 13, 14, 15), nowTick: 4));
        Assert.False(scheduler.RequestInFlight);
        Assert.Equal(1, scheduler.DroppedLateActions);
        Assert.Equal(5, scheduler.Depth(4));

        var expected = new[]
        {
            0.3f * 4 + 0.7f * 11, // 1.2 + 7.7 = 8.9
            0.3f * 5 + 0.7f * 12, // 1.5 + 8.4 = 9.9
            13f, 14f, 15f,
        };
        Assert.Equal(8.9f, expected[0], 1e-5f);
        Assert.Equal(9.9f, expected[1], 1e-5f);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.True(scheduler.TryTake(4 + k, action, out var observationTick));
            Assert.Equal(expected[k], action[0], 1e-5f);
            Assert.Equal(-expected[k], action[1], 1e-5f);
            Assert.Equal(3, observationTick); // blended actions report the newer chunk's observation
        }

        Assert.False(scheduler.TryTake(9, action, out _));
        Assert.Equal(9, scheduler.ActionsExecuted); // ticks 0..3 from the first chunk, 4..8 after the merge
    }

    [Fact]
    public void Async_LatestOnly_NewChunkReplacesQueuedActions()
    {
        var scheduler = Async(ChunkMerge.LatestOnly);
        var action = new float[2];
        scheduler.AddChunk(0, Chunk(0, 1, 2, 3, 4, 5), nowTick: 0);
        for (var tick = 0; tick < 4; tick++)
        {
            scheduler.TryTake(tick, action, out _);
        }

        scheduler.AddChunk(3, Chunk(10, 11, 12, 13, 14, 15), nowTick: 4);
        for (var k = 0; k < 5; k++)
        {
            Assert.True(scheduler.TryTake(4 + k, action, out _));
            Assert.Equal(11f + k, action[0]);
        }
    }

    [Fact]
    public void Async_ChunkEntirelyInThePast_IsDroppedAndTheQueueRunsDry()
    {
        var scheduler = Async(ChunkMerge.Blend, chunkLength: 4); // request at depth ≤ 2
        var action = new float[2];
        scheduler.AddChunk(0, Chunk(0, 1, 2, 3), nowTick: 0);
        for (var tick = 0; tick < 4; tick++)
        {
            Assert.True(scheduler.TryTake(tick, action, out _));
        }

        // Latency beyond the budget: ticks 4..5 have nothing; the node holds, the last action (3) is not replayed.
        Assert.False(scheduler.TryTake(4, action, out _));
        Assert.True(float.IsNaN(action[0]));
        Assert.False(scheduler.TryTake(5, action, out _));
        Assert.Equal(2, scheduler.DryTicks);

        Assert.False(scheduler.AddChunk(2, Chunk(10, 11, 12, 13), nowTick: 6)); // ticks 2..5 all passed
        Assert.Equal(4, scheduler.DroppedLateActions);
        Assert.Equal(0, scheduler.Depth(6));
        Assert.True(scheduler.NeedsInference(6));
    }

    [Fact]
    public void Async_StaleChunk_IsIgnoredAndDoesNotClearANewerRequest()
    {
        var scheduler = Async(ChunkMerge.LatestOnly);
        var action = new float[2];
        scheduler.MarkRequested(0);
        scheduler.CancelRequest(); // e.g. timed out
        scheduler.MarkRequested(1);
        scheduler.AddChunk(1, Chunk(10, 11, 12, 13, 14, 15), nowTick: 1);

        // The abandoned request's chunk arrives last: older than what is queued, it must not overwrite it.
        scheduler.MarkRequested(2);
        Assert.False(scheduler.AddChunk(0, Chunk(0, 1, 2, 3, 4, 5), nowTick: 2));
        Assert.True(scheduler.RequestInFlight); // still waiting for the tick-2 request
        Assert.Equal(1, scheduler.StaleChunks);
        Assert.Equal(1, scheduler.ChunksAdded);
        Assert.True(scheduler.TryTake(2, action, out var observationTick));
        Assert.Equal(11f, action[0]);
        Assert.Equal(1, observationTick);
    }

    [Fact]
    public void Async_InFlightBlocksRequests_UntilTheChunkArrivesOrTheRequestIsCancelled()
    {
        var scheduler = Async(ChunkMerge.Blend);
        Assert.True(scheduler.NeedsInference(0));
        scheduler.MarkRequested(0);
        Assert.False(scheduler.NeedsInference(0));
        Assert.False(scheduler.NeedsInference(5)); // dry, but the answer is on its way
        Assert.Throws<InvalidOperationException>(() => scheduler.MarkRequested(5));
        scheduler.CancelRequest();
        Assert.True(scheduler.NeedsInference(5));
    }
}
