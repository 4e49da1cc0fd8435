using Robotics.Policies.Export;
using Robotics.Policies.Inference;
using Robotics.Policies.Onnx;

namespace Robotics.Policies.Onnx.Tests;

public sealed class OnnxGraphTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("onnx-graph-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void HandWrittenGemmReluGraph_RunsOnOnnxRuntime_WithTheExpectedValues()
    {
        // y = relu(x · Wᵀ + b) with W = [[1, -1], [2, 0.5], [-3, 1]], b = [0.5, -1, 0]
        var graph = new OnnxGraph("tiny");
        graph.AddInput("x", OnnxElementType.Float, OnnxDimension.Named("batch"), 2);
        graph.AddInitializer("W", [1, -1, 2, 0.5f, -3, 1], 3, 2);
        graph.AddInitializer("b", [0.5f, -1, 0], 3);
        graph.AddNode("Gemm", ["x", "W", "b"], ["h"], OnnxAttributeValue.Of("transB", 1L));
        graph.AddNode("Relu", ["h"], ["y"]);
        graph.AddOutput("y", OnnxElementType.Float, OnnxDimension.Named("batch"), 3);
        graph.Metadata["policy_id"] = "tiny";
        var path = Path.Combine(_dir, "tiny.onnx");
        graph.Save(path);

        using var model = OnnxPolicyModel.Load(path, ExecutionProvider.Cpu);
        Assert.Equal("x: float32[?, 2]", model.Signature.Inputs.Single().ToString());
        Assert.Equal("y: float32[?, 3]", model.Signature.Outputs.Single().ToString());
        Assert.Equal("tiny", model.Metadata["policy_id"]);
        using var binding = model.Bind(new Dictionary<string, long[]> { ["x"] = [2, 2], ["y"] = [2, 3] });
        float[] x = [1, 2, -1, 0.5f];
        x.CopyTo(binding.Floats("x"));
        binding.Run();
        // row 0: [1-2+0.5, 2+1-1, -3+2] = [-0.5, 2, -1] → relu [0, 2, 0]; row 1: [-1-0.5+0.5, -2+0.25-1, 3+0.5] → [0, 0, 3.5]
        Assert.Equal([0, 2, 0, 0, 0, 3.5f], binding.Floats("y").ToArray());
    }

    [Fact]
    public void Binding_ReusedAcrossRuns_AllocatesNothingPerRun()
    {
        var graph = new OnnxGraph("alloc");
        graph.AddInput("x", OnnxElementType.Float, 1, 4);
        graph.AddNode("Relu", ["x"], ["y"]);
        graph.AddOutput("y", OnnxElementType.Float, 1, 4);
        var path = Path.Combine(_dir, "alloc.onnx");
        graph.Save(path);
        using var model = OnnxPolicyModel.Load(path, ExecutionProvider.Cpu);
        using var binding = model.Bind(new Dictionary<string, long[]> { ["x"] = [1, 4], ["y"] = [1, 4] });
        for (var i = 0; i < 100; i++)
        {
            binding.Run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            binding.Floats("x")[0] = i;
            binding.Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(999, binding.Floats("y")[0]);
    }

    [Fact]
    public void Bind_ShapeThatContradictsTheModel_NamesTheTensor()
    {
        var graph = new OnnxGraph("shape");
        graph.AddInput("x", OnnxElementType.Float, 1, 4);
        graph.AddNode("Relu", ["x"], ["y"]);
        graph.AddOutput("y", OnnxElementType.Float, 1, 4);
        var path = Path.Combine(_dir, "shape.onnx");
        graph.Save(path);
        using var model = OnnxPolicyModel.Load(path, ExecutionProvider.Cpu);
        var error = Assert.Throws<ArgumentException>(() => model.Bind(new Dictionary<string, long[]> { ["x"] = [1, 5], ["y"] = [1, 4] }));
        Assert.Contains("x: float32[1, 4]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_OrGarbage_IsAClearError()
    {
        Assert.Throws<FileNotFoundException>(() => OnnxPolicyModel.Load(Path.Combine(_dir, "nope.onnx"), ExecutionProvider.Cpu));
        var garbage = Path.Combine(_dir, "garbage.onnx");
        File.WriteAllText(garbage, "this is not a protobuf");
        var error = Assert.Throws<PolicyLoadException>(() => OnnxPolicyModel.Load(garbage, ExecutionProvider.Cpu));
        Assert.Contains("garbage.onnx", error.Message, StringComparison.Ordinal);
    }
}
