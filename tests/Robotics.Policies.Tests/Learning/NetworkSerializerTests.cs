using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

public class NetworkSerializerTests
{
    [Fact]
    public void SaveLoad_RoundTrip_IsBitIdenticalAndRebuildsTheNetworkFromTheFileAlone()
    {
        var (net, adam, file) = Trained();
        var loaded = NetworkSerializer.Load(new MemoryStream(file), out var loadedAdam);
        Assert.Equal(net.ToString(), loaded.ToString());
        Assert.Equal(((LayerNorm)net.Layers[1]).Epsilon, ((LayerNorm)loaded.Layers[1]).Epsilon);
        Assert.Equal(Bits(net), Bits(loaded));
        Assert.NotNull(loadedAdam);
        Assert.Equal(adam.StepCount, loadedAdam.StepCount);
        Assert.Equal(adam.Options, loadedAdam.Options);
        Assert.Equal(adam.LearningRate, loadedAdam.LearningRate);
    }

    [Fact]
    public void SaveLoad_WithOptimizer_ResumedTrainingMatchesUninterruptedTraining()
    {
        var (net, adam, file) = Trained();
        var resumed = NetworkSerializer.Load(new MemoryStream(file), out var resumedAdam);
        var (x, y) = Training.SineData(new Rng(71), 64);
        var targets = TwoTargets(y);
        Training.Fit(net, adam, new Rng(72), x, targets, epochs: 2, batch: 16);
        Training.Fit(resumed, resumedAdam!, new Rng(72), x, targets, epochs: 2, batch: 16);
        Assert.Equal(Bits(net), Bits(resumed));
    }

    [Fact]
    public void LoadInto_SameStructure_CopiesWeightsAndOptimizerState()
    {
        var (net, adam, file) = Trained();
        var target = Mlp.Create(1, [16], 2, new Rng(99), layerNorm: true, activation: Activation.Tanh);
        var targetAdam = new Adam(target.Parameters, new AdamOptions { LearningRate = 5e-4f });
        NetworkSerializer.LoadInto(new MemoryStream(file), target, targetAdam);
        Assert.Equal(Bits(net), Bits(target));
        Assert.Equal(adam.StepCount, targetAdam.StepCount);
        Assert.Equal(5e-4f, targetAdam.LearningRate); // the caller's options are kept
    }

    [Fact]
    public void LoadInto_DifferentShape_NamesTheLayer()
    {
        var (_, _, file) = Trained();
        var wider = Mlp.Create(1, [32], 2, new Rng(1), layerNorm: true, activation: Activation.Tanh);
        var error = Assert.Throws<InvalidDataException>(() => NetworkSerializer.LoadInto(new MemoryStream(file), wider));
        Assert.Contains("layer 0 is Dense 1→16", error.Message, StringComparison.Ordinal);
        Assert.Contains("Dense 1→32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongMagic_SaysSo()
    {
        var (_, _, file) = Trained();
        file[0] = (byte)'X';
        var error = Assert.Throws<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(file)));
        Assert.Contains("magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherVersion_SaysSo()
    {
        var (_, _, file) = Trained();
        file[4] = 2;
        var error = Assert.Throws<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(file)));
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TruncatedAnywhere_SaysTruncatedAndWhere()
    {
        var (_, _, file) = Trained();
        foreach (var length in new[] { 0, 3, 9, 20, 40, file.Length / 2, file.Length - 1 })
        {
            var error = Assert.Throws<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(file[..length])));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }

        var inWeights = Assert.Throws<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(file[..30])));
        Assert.Contains("weight of layer 0 (Dense 1→16)", inWeights.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FlippedBitInTheWeights_FailsTheChecksum()
    {
        var (_, _, file) = Trained();
        file[40] ^= 0x10;
        var error = Assert.Throws<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(file)));
        Assert.Contains("CRC-32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GarbageSizes_AreRejectedBeforeAllocating()
    {
        var (_, _, file) = Trained();
        BitConverter.GetBytes(int.MaxValue).CopyTo(file, 8); // layer count
        Assert.Contains("layer count", Assert.Throws<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(file))).Message, StringComparison.Ordinal);
        (_, _, file) = Trained();
        BitConverter.GetBytes(1 << 30).CopyTo(file, 17); // outputs of layer 0
        Assert.Contains("implausible sizes", Assert.Throws<InvalidDataException>(() => NetworkSerializer.Load(new MemoryStream(file))).Message, StringComparison.Ordinal);
    }

    private static (Mlp Net, Adam Adam, byte[] File) Trained()
    {
        var rng = new Rng(70);
        var net = Mlp.Create(1, [16], 2, rng, layerNorm: true, activation: Activation.Tanh);
        var adam = new Adam(net.Parameters, new AdamOptions { LearningRate = 1e-2f, MaxGradientNorm = 1 }) { LearningRate = 5e-3f };
        var (x, y) = Training.SineData(rng, 64);
        var targets = TwoTargets(y);
        var grad = new float[targets.Length];
        for (var i = 0; i < 20; i++)
        {
            adam.ZeroGrad();
            Losses.MeanSquaredError(net.Forward(x, x.Length), targets, grad);
            net.Backward(grad);
            adam.Step();
        }

        var stream = new MemoryStream();
        NetworkSerializer.Save(stream, net, adam);
        return (net, adam, stream.ToArray());
    }

    private static float[] TwoTargets(float[] y) => [.. y.SelectMany(v => new[] { v, -v })];

    private static int[] Bits(Mlp net) => [.. net.Parameters.SelectMany(p => p.Value).Select(BitConverter.SingleToInt32Bits)];
}
