using Robotics.Policies.Chunking;

namespace Robotics.Policies.Tests.Chunking;

public class ChunkSchedulerOptionsTests
{
    private static readonly ChunkSchedulerOptions Valid = new(ActionSize: 7, ChunkLength: 10, ChunkMode.Async);

    [Fact]
    public void Defaults_FollowActAndLeRobot()
    {
        Assert.Equal(0.01, Valid.EnsembleDecay);
        Assert.Equal(0.5, Valid.AsyncThreshold);
        Assert.Equal(ChunkMerge.Blend, Valid.AsyncMerge);
        Assert.Equal(0.3, Valid.BlendOldWeight);
        Assert.Equal(0.7, Valid.BlendNewWeight);
        Assert.Equal(10, Valid.EffectiveExecuteSteps);
        Assert.Empty(Valid.Validate());
    }

    [Theory]
    [InlineData(0.5, 10, 5)]
    [InlineData(0.3, 10, 3)] // 0.3 · 10 = 3.0000000000000004 in double
    [InlineData(0.57, 100, 57)] // 56.99999999999999 in double: the 1e-9 keeps it 57
    [InlineData(0.5, 5, 2)]
    [InlineData(0.0, 10, 0)]
    [InlineData(1.0, 10, 10)]
    public void AsyncTriggerDepth_IsFloorOfGTimesH(double g, int h, int expected) =>
        Assert.Equal(expected, (Valid with { ChunkLength = h, AsyncThreshold = g }).AsyncTriggerDepth);

    [Theory]
    [InlineData(0.5, 250)] // (1 − 0.5) · 10 / 20 Hz = 0.25 s = 0.5 · 10 / 20 Hz
    [InlineData(0.8, 100)] // (1 − 0.8) · 10 / 20: later, a chunk arrives already at the threshold
    [InlineData(0.2, 100)] // 0.2 · 10 / 20: the request leaves 2 actions = 0.1 s, not (1 − 0.2) · 10 / 20 = 0.4 s
    public void AsyncLatencyBudget_IsTheSmallerOfTheTwoBounds(double g, double expectedMs) =>
        Assert.Equal(expectedMs, (Valid with { AsyncThreshold = g, ControlRateHz = 20 }).AsyncLatencyBudget.TotalMilliseconds, 1e-9);

    public static TheoryData<ChunkSchedulerOptions, string> Invalid => new()
    {
        { Valid with { ActionSize = 0 }, "ActionSize" },
        { Valid with { ChunkLength = 0 }, "ChunkLength" },
        { Valid with { Mode = (ChunkMode)7 }, "Mode" },
        { Valid with { ExecuteSteps = 11 }, "ExecuteSteps" },
        { Valid with { ExecuteSteps = 0 }, "ExecuteSteps" },
        { Valid with { EnsembleDecay = double.NaN }, "EnsembleDecay" },
        { Valid with { EnsembleDecay = -100 }, "EnsembleDecay" }, // exp(100 · 9) overflows
        { Valid with { AsyncThreshold = 1.5 }, "AsyncThreshold" },
        { Valid with { AsyncThreshold = double.NaN }, "AsyncThreshold" },
        { Valid with { AsyncMerge = (ChunkMerge)9 }, "AsyncMerge" },
        { Valid with { BlendOldWeight = 0.5 }, "BlendOldWeight" }, // 0.5 + 0.7 ≠ 1
        { Valid with { BlendOldWeight = -0.3, BlendNewWeight = 1.3 }, "BlendOldWeight" },
        { Valid with { ControlRateHz = 0 }, "ControlRateHz" },
        { Valid with { ControlRateHz = double.PositiveInfinity }, "ControlRateHz" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_NamesTheBadField_AndTheSchedulerRefusesToStart(ChunkSchedulerOptions options, string field)
    {
        var error = Assert.Single(options.Validate());
        Assert.Contains(field, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => new ChunkScheduler(options));
        Assert.Contains(field, thrown.Message, StringComparison.Ordinal);
    }
}
