using Robotics.Policies.Chunking;

namespace Robotics.Policies.Tests.Chunking;

/// <summary>What holds in every mode: input checks, tick order, dry ticks, reset, no allocation per tick.</summary>
public class ChunkSchedulerContractTests
{
    public static TheoryData<ChunkMode> Modes => [ChunkMode.Sync, ChunkMode.Ensemble, ChunkMode.Async];

    private static ChunkScheduler Create(ChunkMode mode) => new(new ChunkSchedulerOptions(ActionSize: 2, ChunkLength: 4, mode));

    [Theory]
    [MemberData(nameof(Modes))]
    public void AddChunk_NotFinite_ThrowsNamingTheIndex_AndChangesNothing(ChunkMode mode)
    {
        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var scheduler = Create(mode);
            scheduler.MarkRequested(0);
            var chunk = new float[8];
            chunk[5] = bad;

            var error = Assert.Throws<ArgumentException>(() => scheduler.AddChunk(0, chunk, nowTick: 0));
            Assert.Equal("chunk", error.ParamName);
            Assert.Contains("chunk[5] (action 2, element 1)", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, scheduler.Depth(0));
            Assert.Equal(0, scheduler.ChunksAdded);
            Assert.True(scheduler.RequestInFlight); // the node cancels the rejected request
            Assert.False(scheduler.TryTake(0, new float[2], out _));
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AddChunk_WrongLength_ThrowsAClearArgumentException(ChunkMode mode)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(mode).AddChunk(0, new float[7], nowTick: 0));
        Assert.Equal("chunk", error.ParamName);
        Assert.Contains("chunk has 7 floats; expected ChunkLength × ActionSize = 4 × 2 = 8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AddChunk_ObservationAfterNow_Throws(ChunkMode mode) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Create(mode).AddChunk(3, new float[8], nowTick: 2));

    [Theory]
    [MemberData(nameof(Modes))]
    public void TryTake_WrongActionLength_Throws(ChunkMode mode)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(mode).TryTake(0, new float[3], out _));
        Assert.Equal("action", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void TryTake_EarlierOrSameTickAsTheLastTaken_Throws(ChunkMode mode)
    {
        var scheduler = Create(mode);
        var action = new float[2];
        scheduler.AddChunk(0, [1, 1, 2, 2, 3, 3, 4, 4], nowTick: 0);
        Assert.True(scheduler.TryTake(1, action, out _));

        Assert.Throws<InvalidOperationException>(() => scheduler.TryTake(0, action, out _));
        Assert.Throws<InvalidOperationException>(() => scheduler.TryTake(1, action, out _)); // a replay
        Assert.True(scheduler.TryTake(2, action, out _));
        Assert.Equal(3f, action[0]);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AddChunk_ArrivingLate_DropsActionsBeforeNow_EvenBeforeTheFirstTick(ChunkMode mode)
    {
        var scheduler = Create(mode);
        var action = new float[2];

        // Observed at tick 0, ready at tick 2, no tick taken yet: the actions for ticks 0 and 1 are past.
        Assert.True(scheduler.AddChunk(0, [1, -1, 2, -2, 3, -3, 4, -4], nowTick: 2));
        Assert.Equal(2, scheduler.DroppedLateActions);
        Assert.Equal(2, scheduler.Depth(2));
        Assert.Throws<InvalidOperationException>(() => scheduler.TryTake(1, action, out _)); // before the arrival tick
        Assert.True(scheduler.TryTake(2, action, out var observationTick));
        Assert.Equal([3f, -3f], action);
        Assert.Equal(0, observationTick);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void TryTake_EmptyScheduler_IsADryTickWithNaN(ChunkMode mode)
    {
        var scheduler = Create(mode);
        var action = new float[] { 0.5f, 0.5f };
        Assert.False(scheduler.TryTake(0, action, out var observationTick));
        Assert.All(action, a => Assert.True(float.IsNaN(a)));
        Assert.Equal(-1, observationTick);
        Assert.Equal(1, scheduler.DryTicks);
        Assert.True(scheduler.NeedsInference(0));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Reset_ForgetsChunksRequestAndTickOrder_CountersKeepCounting(ChunkMode mode)
    {
        var scheduler = Create(mode);
        var action = new float[2];
        scheduler.AddChunk(10, [1, 1, 2, 2, 3, 3, 4, 4], nowTick: 10);
        Assert.True(scheduler.TryTake(10, action, out _));
        scheduler.MarkRequested(11);

        scheduler.Reset();

        Assert.False(scheduler.RequestInFlight);
        Assert.Equal(0, scheduler.Depth(11));
        Assert.True(scheduler.AddChunk(0, [5, 5, 6, 6, 7, 7, 8, 8], nowTick: 0)); // not stale: a new episode
        Assert.True(scheduler.TryTake(0, action, out _)); // tick 0 is after nothing now
        Assert.Equal(5f, action[0]);
        Assert.Equal(2, scheduler.ChunksAdded);
        Assert.Equal(2, scheduler.ActionsExecuted);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void TenThousandTicks_AllocateNothing(ChunkMode mode)
    {
        var scheduler = new ChunkScheduler(new ChunkSchedulerOptions(ActionSize: 7, ChunkLength: 16, mode) { ExecuteSteps = mode == ChunkMode.Sync ? 8 : null });
        var chunk = new float[16 * 7];
        var action = new float[7];
        Run(scheduler, chunk, action, 0, 1_000); // warm up: JIT tiers and statics out of the measurement

        var before = GC.GetAllocatedBytesForCurrentThread();
        var executed = Run(scheduler, chunk, action, 1_000, 11_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_000, executed); // inference answers within the tick: never dry
    }

    private static int Run(ChunkScheduler scheduler, float[] chunk, float[] action, long from, long to)
    {
        var executed = 0;
        for (var tick = from; tick < to; tick++)
        {
            if (scheduler.NeedsInference(tick))
            {
                scheduler.MarkRequested(tick);
                chunk[0] = tick % 7; // a different chunk each time
                scheduler.AddChunk(tick, chunk, tick);
            }

            _ = scheduler.Depth(tick);
            if (scheduler.TryTake(tick, action, out _))
            {
                executed++;
            }
        }

        return executed;
    }
}
