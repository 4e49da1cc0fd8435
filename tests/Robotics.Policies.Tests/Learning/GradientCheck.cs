using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

/// <summary>
/// Central finite differences, (L(θ + h) − L(θ − h))/2h, against analytic gradients. The networks compute in float, so
/// h is large (1e-2: float rounding of L is ~1e-7·|L|, divided by 2h stays ~1e-5) and the truncation error h²·f‴/6
/// (~1e-5 for tanh and LayerNorm at this scale) sets the tolerance: |a − n| ≤ 2e-3 + 2e-2·|n|.
/// </summary>
internal static class GradientCheck
{
    public const float Step = 1e-2f;

    /// <summary>Loss L = Σ rᵢ·yᵢ with fixed random r: its gradient dL/dy = r exercises every output.</summary>
    public static double Projection(ReadOnlySpan<float> output, ReadOnlySpan<float> weights)
    {
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (double)output[i] * weights[i];
        }

        return sum;
    }

    /// <summary>Checks every element of <paramref name="values"/> (perturbed in place and restored) against <paramref name="analytic"/>.</summary>
    public static void Compare(string what, float[] values, ReadOnlySpan<float> analytic, Func<double> loss, float step = Step)
    {
        Assert.Equal(values.Length, analytic.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var original = values[i];
            values[i] = original + step;
            var plus = loss();
            values[i] = original - step;
            var minus = loss();
            values[i] = original;
            var numeric = (plus - minus) / (2.0 * step);
            var error = Math.Abs(analytic[i] - numeric);
            Assert.True(error <= 2e-3 + (2e-2 * Math.Abs(numeric)), $"{what}[{i}]: analytic {analytic[i]:G6}, numeric {numeric:G6}");
        }
    }

    public static float[] Random(Rng rng, int length, float scale = 1)
    {
        var values = new float[length];
        rng.FillNormal(values, 0, scale);
        return values;
    }
}
