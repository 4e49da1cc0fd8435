using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

public class LossTests
{
    [Fact]
    public void MeanSquaredError_ValueAndGradient_MatchFiniteDifferences()
    {
        var rng = new Rng(21);
        var prediction = GradientCheck.Random(rng, 12);
        var target = GradientCheck.Random(rng, 12);
        var gradient = new float[12];
        var value = Losses.MeanSquaredError(prediction, target, gradient);
        Assert.Equal(prediction.Zip(target, (p, t) => (p - t) * (p - t)).Average(), value, 1e-5f);
        GradientCheck.Compare("mse", prediction, gradient, () => Losses.MeanSquaredError(prediction, target, default));
    }

    [Fact]
    public void MeanSquaredError_Weighted_ZeroWeightRemovesAnElementWithoutRescalingTheRest()
    {
        var gradient = new float[3];
        var value = Losses.MeanSquaredError([1, 2, 3], [0, 0, 0], [1, 0, 2], gradient);
        Assert.Equal(((1 * 1) + (2 * 9)) / 3f, value, 1e-6f);
        Assert.Equal([2f / 3, 0, 2 * 2 * 3 / 3f], gradient);
        var rng = new Rng(22);
        var prediction = GradientCheck.Random(rng, 8);
        var target = GradientCheck.Random(rng, 8);
        var weights = GradientCheck.Random(rng, 8).Select(MathF.Abs).ToArray();
        var g = new float[8];
        Losses.MeanSquaredError(prediction, target, weights, g);
        GradientCheck.Compare("weighted mse", prediction, g, () => Losses.MeanSquaredError(prediction, target, weights, default));
    }

    [Fact]
    public void CrossEntropy_ValueAndGradient_MatchFiniteDifferences()
    {
        var rng = new Rng(23);
        var logits = GradientCheck.Random(rng, 4 * 5, 2);
        int[] labels = [0, 4, 2, 2];
        var gradient = new float[logits.Length];
        var value = Losses.CrossEntropy(logits, labels, gradient);
        var expected = Enumerable.Range(0, 4).Average(r =>
        {
            var row = logits.Skip(r * 5).Take(5).Select(v => (double)v).ToArray();
            return Math.Log(row.Sum(Math.Exp)) - row[labels[r]];
        });
        Assert.Equal(expected, value, 1e-5);
        GradientCheck.Compare("ce", logits, gradient, () => Losses.CrossEntropy(logits, labels, default));
    }

    [Fact]
    public void CrossEntropy_HugeLogits_StayFinite()
    {
        var gradient = new float[3];
        var value = Losses.CrossEntropy([1000, 0, -1000], [1], gradient);
        Assert.Equal(1000, value, 1e-3f); // exp(1000) overflows a double; the max shift keeps it exact
        Assert.Equal([1, -1, 0], gradient);
    }

    [Fact]
    public void CrossEntropy_LabelOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy([1, 2, 3, 4], [0, 2], default));

    [Fact]
    public void BinaryCrossEntropyWithLogits_ValueAndGradient_MatchFiniteDifferences()
    {
        var rng = new Rng(24);
        var logits = GradientCheck.Random(rng, 10, 3);
        float[] targets = [0, 1, 1, 0, 0.5f, 1, 0, 0.2f, 1, 0];
        var gradient = new float[10];
        var value = Losses.BinaryCrossEntropyWithLogits(logits, targets, gradient);
        var expected = logits.Zip(targets, (x, t) =>
        {
            var p = 1 / (1 + Math.Exp(-x));
            return -((t * Math.Log(p)) + ((1 - t) * Math.Log(1 - p)));
        }).Average();
        Assert.Equal(expected, value, 1e-5);
        GradientCheck.Compare("bce", logits, gradient, () => Losses.BinaryCrossEntropyWithLogits(logits, targets, default));
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_ExtremeLogits_StayFinite()
    {
        var gradient = new float[2];
        var value = Losses.BinaryCrossEntropyWithLogits([100, -100], [0, 1], gradient);
        Assert.Equal(100, value, 1e-3f); // log(1 − σ(100)) would be log(0) in the naive form
        Assert.Equal([0.5f, -0.5f], gradient);
    }

    [Fact]
    public void Losses_MismatchedLengths_Throw()
    {
        Assert.Throws<ArgumentException>(() => Losses.MeanSquaredError([1, 2], [1], default));
        Assert.Throws<ArgumentException>(() => Losses.MeanSquaredError([1, 2], [1, 2], new float[3]));
        Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits([1, 2], [1, 2, 3], default));
        Assert.Throws<ArgumentException>(() => Losses.CrossEntropy([1, 2, 3], [0, 1], default));
    }
}
