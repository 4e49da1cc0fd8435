using Robotics.Policies.Export;
using Robotics.Policies.Inference;
using Robotics.Policies.Learning;

namespace Robotics.Policies.Onnx.Tests;

/// <summary>Issue 6: a trained network's C# forward pass equals ONNX Runtime's output on its export within 1e-5.</summary>
public sealed class ExportParityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("onnx-parity-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(false, Activation.None)]
    [InlineData(true, Activation.Tanh)]
    public void ExportedMlp_OnOnnxRuntime_EqualsOurForwardPass(bool layerNorm, Activation output)
    {
        var rng = new Rng(7);
        var network = Mlp.Create(12, [64, 64], 10 * 6, rng, layerNorm: layerNorm, outputActivation: output);
        Train(network, rng);
        var path = Path.Combine(_dir, "mlp.onnx");
        MlpOnnxExporter.ToGraph(network, "observation.state", "action", [10, 6]).Save(path);

        const int batch = 32;
        var input = new float[batch * 12];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = rng.Normal(0, 2);
        }

        var expected = network.Forward(input, batch).ToArray();
        using var model = OnnxPolicyModel.Load(path, ExecutionProvider.Cpu);
        Assert.Equal("action: float32[?, 10, 6]", model.Signature.Outputs.Single().ToString());
        using var binding = model.Bind(new Dictionary<string, long[]> { ["observation.state"] = [batch, 12], ["action"] = [batch, 10, 6] });
        input.CopyTo(binding.Floats("observation.state"));
        binding.Run();
        var actual = binding.Floats("action").ToArray();
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= 1e-5, $"largest difference {worst}");
    }

    [Fact]
    public void InMemoryAndOnnxModels_HaveTheSameSignature()
    {
        var network = Mlp.Create(5, [8], 4, new Rng(1));
        var path = Path.Combine(_dir, "sig.onnx");
        MlpOnnxExporter.ToGraph(network, "x", "y", [2, 2]).Save(path);
        using var onnx = OnnxPolicyModel.Load(path, ExecutionProvider.Cpu);
        using var managed = new NetworkPolicyModel(network, "x", "y", [2, 2]);
        Assert.Equal(managed.Signature.Inputs.Select(s => s.ToString()), onnx.Signature.Inputs.Select(s => s.ToString()));
        Assert.Equal(managed.Signature.Outputs.Select(s => s.ToString()), onnx.Signature.Outputs.Select(s => s.ToString()));
    }

    // A few Adam steps on random targets so the weights are not the initialisation (LayerNorm's γ, β move too).
    private static void Train(Mlp network, Rng rng)
    {
        var adam = new Adam(network.Parameters, new AdamOptions { LearningRate = 1e-2f });
        var x = new float[16 * network.InputSize];
        var y = new float[16 * network.OutputSize];
        var grad = new float[y.Length];
        for (var step = 0; step < 20; step++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = rng.Normal();
            }

            for (var i = 0; i < y.Length; i++)
            {
                y[i] = rng.Uniform(-0.9f, 0.9f);
            }

            adam.ZeroGrad();
            var prediction = network.Forward(x, 16);
            Losses.MeanSquaredError(prediction, y, grad);
            network.Backward(grad);
            adam.Step();
        }
    }
}
