using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

public class AdamTests
{
    [Fact]
    public void Step_FirstTwoSteps_MatchHandComputedAdam()
    {
        var w = new Parameter("w", 2);
        w.Value[0] = 1;
        w.Value[1] = -2;
        var adam = new Adam([w], new AdamOptions { LearningRate = 0.1f });

        // t = 1: m = 0.1g, v = 0.001g², m̂ = g, v̂ = g² → Δ = −lr·g/(|g| + ε) = −lr·sign(g) (up to ε).
        w.Grad[0] = 0.5f;
        w.Grad[1] = -4;
        var norm = adam.Step();
        Assert.Equal(MathF.Sqrt(0.25f + 16), norm, 1e-6f);
        Assert.Equal(1 - (0.1 * 0.5 / (0.5 + 1e-8)), w.Value[0], 1e-6);
        Assert.Equal(-2 + (0.1 * 4 / (4 + 1e-8)), w.Value[1], 1e-6);

        // t = 2 with g = 0.25: m = 0.9·0.05 + 0.1·0.25 = 0.07, v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225,
        // Δ = −lr/(1 − 0.9²)·m / (√v/√(1 − 0.999²) + ε).
        w.Grad[0] = 0.25f;
        w.Grad[1] = 0;
        var before = w.Value[0];
        adam.Step();
        var expected = before - (0.1 / (1 - 0.81) * 0.07 / ((Math.Sqrt(0.00031225) / Math.Sqrt(1 - (0.999 * 0.999))) + 1e-8));
        Assert.Equal(expected, w.Value[0], 1e-6);
        Assert.Equal(2, adam.StepCount);
    }

    [Fact]
    public void Step_DecoupledWeightDecay_ShrinksWeightsBeforeTheAdamStep()
    {
        var w = new Parameter("w", 1);
        w.Value[0] = 2;
        var adam = new Adam([w], new AdamOptions { LearningRate = 0.1f, WeightDecay = 0.5f });
        w.Grad[0] = 1;
        adam.Step();
        Assert.Equal((2 * (1 - (0.1 * 0.5))) - 0.1, w.Value[0], 1e-6); // AdamW: w(1 − lr·λ) − lr·m̂/(√v̂ + ε)
    }

    [Fact]
    public void Step_ConvexQuadratic_ConvergesToTheMinimum()
    {
        var w = new Parameter("w", 3);
        float[] target = [3, -1, 0.5f];
        var adam = new Adam([w], new AdamOptions { LearningRate = 0.05f });
        for (var i = 0; i < 2000; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                w.Grad[j] = 2 * (w.Value[j] - target[j]);
            }

            adam.Step();
        }

        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(target[j], w.Value[j], 1e-3f);
        }
    }

    [Fact]
    public void Step_NonFiniteGradient_IsSkippedAndCounted()
    {
        var w = new Parameter("w", 2);
        var adam = new Adam([w], new AdamOptions());
        w.Grad[0] = float.NaN;
        Assert.True(float.IsNaN(adam.Step()));
        Assert.Equal([0, 0], w.Value);
        Assert.Equal(0, adam.StepCount);
        Assert.Equal(1, adam.SkippedSteps);
    }

    [Fact]
    public void Step_WithMaxGradientNorm_ClipsBeforeUpdatingAndReturnsThePreClipNorm()
    {
        var w = new Parameter("w", 2);
        var adam = new Adam([w], new AdamOptions { MaxGradientNorm = 1 });
        w.Grad[0] = 3;
        w.Grad[1] = 4;
        Assert.Equal(5, adam.Step(), 1e-6f);
        Assert.Equal(1, GradientClipping.GlobalNorm([w]), 1e-5f);
    }

    [Fact]
    public void ClipByGlobalNorm_ScalesAllParametersTogetherToTheMaxNorm()
    {
        var a = new Parameter("a", 2);
        var b = new Parameter("b", 1);
        (a.Grad[0], a.Grad[1], b.Grad[0]) = (2, 4, 4); // global norm 6
        var norm = GradientClipping.ClipByGlobalNorm([a, b], 4.8f); // a mild clip (× 0.8) must happen too
        Assert.Equal(6, norm, 1e-6f);
        Assert.Equal(4.8f, GradientClipping.GlobalNorm([a, b]), 1e-5f);
        Assert.Equal(a.Grad[0] * 2, b.Grad[0], 1e-6f); // direction kept
    }

    [Fact]
    public void ClipByGlobalNorm_BelowTheMax_LeavesGradientsUntouched()
    {
        var a = new Parameter("a", 2);
        (a.Grad[0], a.Grad[1]) = (0.3f, 0.4f);
        Assert.Equal(0.5f, GradientClipping.ClipByGlobalNorm([a], 1), 1e-6f);
        Assert.Equal([0.3f, 0.4f], a.Grad);
    }

    [Fact]
    public void Options_InvalidValues_AreRejectedAtConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { LearningRate = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { LearningRate = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { Beta1 = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { Beta2 = -0.1f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { Epsilon = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { WeightDecay = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { MaxGradientNorm = 0 });
        var w = new Parameter("w", 1);
        Assert.Throws<ArgumentException>(() => new Adam([w, w], new AdamOptions()));
    }
}
