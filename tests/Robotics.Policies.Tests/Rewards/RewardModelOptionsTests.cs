using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

public class RewardModelOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new RewardModelOptions(4);
        Assert.Equal(4, options.Stages);
        Assert.Equal([256, 256], options.Hidden);
        Assert.True(options.LayerNorm);
        Assert.Equal(3e-4f, options.LearningRate);
        Assert.Equal(256, options.BatchSize);
        Assert.Equal(0.5, options.RewindProbability);
        Assert.Equal(1, options.ContextFrames);
        Assert.False(options.PairwiseHead);
    }

    [Theory]
    [InlineData("Stages")]
    [InlineData("Hidden")]
    [InlineData("LearningRate")]
    [InlineData("BatchSize")]
    [InlineData("Steps")]
    [InlineData("MaxGradientNorm")]
    [InlineData("RewindProbability")]
    [InlineData("ContextFrames")]
    [InlineData("ContextStride")]
    [InlineData("SuccessWindowFraction")]
    [InlineData("ValidationFraction")]
    [InlineData("EvaluateEvery")]
    public void AnInvalidValue_IsRefusedNamingTheField(string field)
    {
        var options = new RewardModelOptions(3);
        Action set = field switch
        {
            "Stages" => () => _ = new RewardModelOptions(0),
            "Hidden" => () => _ = options with { Hidden = [32, 0] },
            "LearningRate" => () => _ = options with { LearningRate = float.NaN },
            "BatchSize" => () => _ = options with { BatchSize = 0 },
            "Steps" => () => _ = options with { Steps = -1 },
            "MaxGradientNorm" => () => _ = options with { MaxGradientNorm = 0 },
            "RewindProbability" => () => _ = options with { RewindProbability = 1.5 },
            "ContextFrames" => () => _ = options with { ContextFrames = 0 },
            "ContextStride" => () => _ = options with { ContextStride = 0 },
            "SuccessWindowFraction" => () => _ = options with { SuccessWindowFraction = 0 },
            "ValidationFraction" => () => _ = options with { ValidationFraction = 1 },
            _ => () => _ = options with { EvaluateEvery = 0 },
        };
        Assert.Equal(field, Assert.Throws<ArgumentOutOfRangeException>(set).ParamName);
    }
}
