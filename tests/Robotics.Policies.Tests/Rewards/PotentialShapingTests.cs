using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

public class PotentialShapingTests
{
    [Fact]
    public void Shape_HandComputed()
    {
        var shaping = new PotentialShaping(scale: 0.5f, gamma: 0.9f);
        // 1 + 0.5·(0.9·0.6 − 0.2) = 1.17
        Assert.Equal(1.17f, shaping.Shape(1, 0.2f, 0.6f, terminal: false), 6);
        // On a true terminal Φ(s′) := 0: 1 + 0.5·(0 − 0.2) = 0.9
        Assert.Equal(0.9f, shaping.Shape(1, 0.2f, 0.6f, terminal: true), 6);
    }

    [Fact]
    public void ATimeLimit_KeepsThePotentialOfTheNextState()
    {
        var shaping = new PotentialShaping(1, 0.99f);
        // A truncated step is passed as not terminal: the bootstrap state's potential stays.
        Assert.True(shaping.TryShape(0, 0.5f, 0.8f, terminal: false, out var truncated));
        Assert.Equal((0.99f * 0.8f) - 0.5f, truncated, 6);
        Assert.True(shaping.TryShape(0, 0.5f, 0.8f, terminal: true, out var finished));
        Assert.Equal(-0.5f, finished, 6);
    }

    [Fact]
    public void ShapingTerms_Telescope_ToMinusLambdaPhi0_OverAnEpisodeEndingOnATerminal()
    {
        float[] phi = [0.1f, 0.3f, 0.2f, 0.7f, 0.9f];
        var shaping = new PotentialShaping(scale: 2, gamma: 1);
        var (terminalSum, truncatedSum) = (0.0, 0.0);
        for (var t = 0; t < phi.Length - 1; t++)
        {
            var last = t == phi.Length - 2;
            terminalSum += shaping.Shape(0, phi[t], phi[t + 1], terminal: last);
            truncatedSum += shaping.Shape(0, phi[t], phi[t + 1], terminal: false);
        }

        Assert.Equal(-2 * 0.1, terminalSum, 5);
        Assert.Equal(2 * (0.9 - 0.1), truncatedSum, 5); // cut by a time limit: λ(Φ(s_T) − Φ(s₀))
    }

    [Fact]
    public void NonFiniteValues_AreRefused_NeverRewarded()
    {
        var shaping = new PotentialShaping(1, 0.99f);
        Assert.False(shaping.TryShape(0, float.NaN, 0.5f, terminal: false, out var shaped));
        Assert.True(float.IsNaN(shaped));
        Assert.False(shaping.TryShape(0, 0.5f, float.PositiveInfinity, terminal: true, out _));
        Assert.False(shaping.TryShape(float.NaN, 0.5f, 0.5f, terminal: false, out _));
        Assert.Contains("Φ(s′)", Assert.Throws<ArgumentException>(() => shaping.Shape(0, 0.5f, float.NaN, terminal: false)).Message);
    }

    [Fact]
    public void InvalidScaleOrDiscount_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PotentialShaping(float.NaN, 0.99f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PotentialShaping(-1, 0.99f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PotentialShaping(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PotentialShaping(1, 1.01f));
    }
}
