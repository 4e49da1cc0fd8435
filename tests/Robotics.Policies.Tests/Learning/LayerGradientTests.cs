using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

public class LayerGradientTests
{
    private const int Batch = 3;

    [Fact]
    public void Dense_WeightBiasAndInputGradients_MatchFiniteDifferences() => CheckLayer(new Dense(5, 4, new Rng(1)), new Rng(2));

    [Fact]
    public void LayerNorm_GammaBetaAndInputGradients_MatchFiniteDifferences()
    {
        var norm = new LayerNorm(6);
        var rng = new Rng(3);
        rng.FillNormal(norm.Gamma.Value, 1, 0.3f); // away from the identity, so a γ left out of backward shows
        rng.FillNormal(norm.Beta.Value, 0, 0.3f);
        CheckLayer(norm, rng);
    }

    [Fact]
    public void Tanh_InputGradient_MatchesFiniteDifferences() => CheckLayer(new Tanh(5), new Rng(4));

    [Fact]
    public void Relu_InputGradient_MatchesFiniteDifferencesAwayFromTheKink()
    {
        var rng = new Rng(5);
        var input = GradientCheck.Random(rng, Batch * 7);
        for (var i = 0; i < input.Length; i++)
        {
            // |x| ≥ 0.1 > h: a central difference across the kink at 0 would be 1/2 and no gradient is defined there.
            input[i] = MathF.CopySign(0.1f + MathF.Abs(input[i]), input[i]);
        }

        CheckLayer(new Relu(7), rng, input);
    }

    [Fact]
    public void Tanh_Forward_IsWithinAFewUlpOfTanhAndExactlyZeroAtZero()
    {
        var x = Enumerable.Range(-120_000, 240_001).Select(i => i * 1e-4f).Concat([0f, -0f, 1e-8f, -3e-5f, 20, -100, float.MaxValue]).ToArray();
        var y = new float[x.Length];
        new Tanh(x.Length).Forward(x, y, 1);
        for (var i = 0; i < x.Length; i++)
        {
            var expected = Math.Tanh(x[i]);
            Assert.True(Math.Abs(y[i] - expected) <= 4e-7 * Math.Abs(expected) + 1e-30, $"tanh({x[i]:R}) = {y[i]:R}, expected {expected:R}");
        }

        Assert.Equal(0, BitConverter.SingleToInt32Bits(y[240_001])); // +0 stays +0: a zero residual head outputs exactly 0
        var nan = new float[1];
        new Tanh(1).Forward([float.NaN], nan, 1);
        Assert.True(float.IsNaN(nan[0]));
    }

    [Fact]
    public void Relu_Backward_PassesGradientOnlyWherePositive()
    {
        var relu = new Relu(3);
        float[] input = [-1, 0, 2];
        var output = new float[3];
        relu.Forward(input, output, 1);
        var dx = new float[3];
        relu.Backward(input, output, [5, 6, 7], dx, 1, true);
        Assert.Equal([0, 0, 2], output);
        Assert.Equal([0, 0, 7], dx);
    }

    [Fact]
    public void Dense_Backward_AccumulatesParameterGradientsAcrossCalls()
    {
        var dense = new Dense(3, 2, new Rng(6));
        var x = GradientCheck.Random(new Rng(7), 2 * 3);
        var y = new float[4];
        dense.Forward(x, y, 2);
        float[] dy = [1, 2, 3, 4];
        dense.Backward(x, y, dy, default, 2, true);
        var once = dense.Weight.Grad.ToArray();
        dense.Backward(x, y, dy, default, 2, true);
        Assert.Equal(once.Select(g => 2 * g), dense.Weight.Grad);
        Assert.Equal([8, 12], dense.Bias.Grad); // Σ over rows of dy, twice
    }

    [Fact]
    public void Dense_Forward_IsXTimesWTransposedPlusBias()
    {
        var dense = Dense.Zeros(2, 3);
        float[] w = [1, 2, 3, 4, 5, 6]; // [out 3, in 2], row-major as ONNX Gemm transB = 1 expects
        w.CopyTo(dense.Weight.Value, 0);
        float[] b = [10, 20, 30];
        b.CopyTo(dense.Bias.Value, 0);
        var y = new float[3];
        dense.Forward([1, -1], y, 1);
        Assert.Equal([10 + 1 - 2, 20 + 3 - 4, 30 + 5 - 6], y);
    }

    [Fact]
    public void LayerNorm_Forward_NormalisesEachRowLikePyTorch()
    {
        var norm = new LayerNorm(4);
        var y = new float[8];
        norm.Forward([1, 2, 3, 4, 10, 10, 10, 10], y, 2);
        // torch.nn.LayerNorm(4)(torch.tensor([1., 2, 3, 4])): biased variance 1.25 → ±1.3416, ±0.4472.
        float[] expected = [-1.3416355f, -0.4472118f, 0.4472118f, 1.3416355f, 0, 0, 0, 0];
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(expected[i], y[i], 1e-5f);
        }
    }

    private static void CheckLayer(Layer layer, Rng rng, float[]? input = null)
    {
        input ??= GradientCheck.Random(rng, Batch * layer.InputSize);
        var output = new float[Batch * layer.OutputSize];
        var projection = GradientCheck.Random(rng, output.Length);
        double Loss()
        {
            layer.Forward(input, output, Batch);
            return GradientCheck.Projection(output, projection);
        }

        Loss();
        foreach (var p in layer.Parameters)
        {
            p.ZeroGrad();
        }

        var inputGradient = new float[input.Length];
        layer.Backward(input, output, projection, inputGradient, Batch, accumulateParameterGradients: true);
        var analytic = layer.Parameters.Select(p => p.Grad.ToArray()).ToArray();
        GradientCheck.Compare($"{layer.Kind} input", input, inputGradient, Loss);
        for (var i = 0; i < analytic.Length; i++)
        {
            GradientCheck.Compare($"{layer.Kind} {layer.Parameters[i].Name}", layer.Parameters[i].Value, analytic[i], Loss);
        }
    }
}
