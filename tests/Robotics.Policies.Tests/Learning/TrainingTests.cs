using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

public class TrainingTests
{
    [Fact]
    public void Mlp_LearnsSine_ToLowLoss()
    {
        var rng = new Rng(51);
        var (x, y) = Training.SineData(rng, 512);
        var net = Mlp.Create(1, [64, 64], 1, rng, activation: Activation.Tanh);
        var adam = new Adam(net.Parameters, new AdamOptions { LearningRate = 3e-3f });
        var initial = Losses.MeanSquaredError(net.Forward(x, x.Length), y, default);
        var final = Training.Fit(net, adam, rng, x, y, epochs: 150, batch: 32);
        Assert.True(final < 1e-3f, $"MSE after training {final} (started at {initial}); sin has variance 0.5");
    }

    [Fact]
    public void Training_SameSeed_GivesBitIdenticalWeights()
    {
        var first = Train(61);
        var second = Train(61);
        var other = Train(62);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void TrainingStep_AfterTheFirst_AllocatesNothing()
    {
        var rng = new Rng(66);
        var net = Mlp.Create(26, [64, 64], 6, rng, layerNorm: true, outputActivation: Activation.Tanh);
        var target = net.Clone();
        var adam = new Adam(net.Parameters, new AdamOptions { MaxGradientNorm = 1, WeightDecay = 1e-4f });
        var (x, y, grad, dx) = (GradientCheck.Random(rng, 64 * 26), GradientCheck.Random(rng, 64 * 6), new float[64 * 6], new float[64 * 26]);
        void Step()
        {
            adam.ZeroGrad();
            Losses.MeanSquaredError(net.Forward(x, 64), y, grad);
            net.Backward(grad, dx);
            adam.Step();
            Polyak.Update(target, net, 0.005f);
        }

        Step();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            Step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ZeroOutputLayer_StartsAtExactlyZeroOutput()
    {
        // The residual actor: a = base + α·tanh(f(s, a_base)) equals the base action before any update (ResFiT).
        var rng = new Rng(63);
        var actor = Mlp.Create(10, [32, 32], 4, rng, layerNorm: true, outputActivation: Activation.Tanh, zeroOutputLayer: true);
        Assert.All(actor.Forward(GradientCheck.Random(rng, 5 * 10), 5).ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Create_BuildsDenseLayerNormActivationPerHiddenLayer()
    {
        var net = Mlp.Create(26, [256, 256], 1, new Rng(64), layerNorm: true, outputActivation: Activation.Tanh);
        Assert.Equal(
            [LayerKind.Dense, LayerKind.LayerNorm, LayerKind.Relu, LayerKind.Dense, LayerKind.LayerNorm, LayerKind.Relu, LayerKind.Dense, LayerKind.Tanh],
            net.Layers.Select(l => l.Kind));
        Assert.Equal((26 * 256) + 256 + 512 + (256 * 256) + 256 + 512 + 256 + 1, net.ParameterCount);
        var dense = (Dense)net.Layers[0];
        Assert.Equal([256, 26], dense.Weight.Shape);
        Assert.All(dense.Weight.Value, w => Assert.InRange(w, -1 / MathF.Sqrt(26), 1 / MathF.Sqrt(26)));
    }

    [Fact]
    public void Forward_GrowingBatch_ReallocatesAndStaysCorrect()
    {
        var rng = new Rng(65);
        var net = Mlp.Create(3, [5], 2, rng);
        var input = GradientCheck.Random(rng, 10 * 3);
        var small = net.Forward(input.AsSpan(0, 2 * 3), 2).ToArray();
        var large = net.Forward(input, 10).ToArray();
        // Row results may differ in the last bit between batch sizes (a 2-row product takes the dot-product path).
        Assert.All(small.Zip(large), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));
        net.Backward(new float[20]);
        Assert.Throws<ArgumentException>(() => net.Backward(new float[4])); // gradient for the earlier, smaller batch
        Assert.Throws<ArgumentException>(() => net.Forward(new float[7], 2));
        Assert.Throws<InvalidOperationException>(() => Mlp.Create(3, [5], 2, rng).Backward(new float[2]));
    }

    private static float[] Train(ulong seed)
    {
        var rng = new Rng(seed);
        var (x, y) = Training.SineData(rng, 256);
        var net = Mlp.Create(1, [32, 32], 1, rng, layerNorm: true);
        var adam = new Adam(net.Parameters, new AdamOptions { LearningRate = 1e-3f, WeightDecay = 1e-4f, MaxGradientNorm = 1 });
        Training.Fit(net, adam, rng, x, y, epochs: 5, batch: 16);
        return [.. net.Parameters.SelectMany(p => p.Value)];
    }
}
