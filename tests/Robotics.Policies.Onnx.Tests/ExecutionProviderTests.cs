using Robotics.Policies.Export;
using Robotics.Policies.Inference;
using Robotics.Policies.Onnx;

namespace Robotics.Policies.Onnx.Tests;

/// <summary>
/// The GPU provider path up to provider loading, on whatever machine runs the tests. Where CUDA 13 is absent (CI:
/// no GPU) appending the CUDA provider fails inside ONNX Runtime: `auto` must fall back to CPU and say why, an
/// explicit `cuda` must refuse with a message that says what to install. On a GPU machine, `auto` picks a GPU.
/// </summary>
public sealed class ExecutionProviderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("onnx-ep-").FullName;
    private readonly string _model;

    public ExecutionProviderTests()
    {
        var graph = new OnnxGraph("ep");
        graph.AddInput("x", OnnxElementType.Float, 1, 4);
        graph.AddNode("Relu", ["x"], ["y"]);
        graph.AddOutput("y", OnnxElementType.Float, 1, 4);
        _model = Path.Combine(_dir, "ep.onnx");
        graph.Save(_model);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("auto", ExecutionProvider.Auto)]
    [InlineData("CPU", ExecutionProvider.Cpu)]
    [InlineData("cuda", ExecutionProvider.Cuda)]
    [InlineData("tensorrt", ExecutionProvider.TensorRt)]
    public void Parse_KnownNames(string text, ExecutionProvider expected) => Assert.Equal(expected, ExecutionProviders.Parse(text));

    [Fact]
    public void Parse_UnknownName_ListsTheChoices()
    {
        var error = Assert.Throws<ArgumentException>(() => ExecutionProviders.Parse("gpu"));
        Assert.Contains("auto, cpu, cuda, tensorrt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_UsesAGpuWhenItLoads_ElseCpuWithTheReason()
    {
        using var model = OnnxPolicyModel.Load(_model, ExecutionProvider.Auto);
        if (GpuRuntimePresent())
        {
            Assert.NotEqual(ExecutionProvider.Cpu, model.Choice.Provider);
        }
        else
        {
            Assert.Equal(ExecutionProvider.Cpu, model.Choice.Provider);
            Assert.Contains("cuda unavailable", model.Choice.Reason, StringComparison.Ordinal);
            Console.WriteLine(model.Choice.Reason);
        }

        using var binding = model.Bind(new Dictionary<string, long[]> { ["x"] = [1, 4], ["y"] = [1, 4] });
        binding.Floats("x")[0] = 3;
        binding.Run();
        Assert.Equal(3, binding.Floats("y")[0]);
    }

    [Fact]
    public void ExplicitCuda_WithoutTheCudaRuntime_RefusesWithWhatToInstall()
    {
        if (GpuRuntimePresent())
        {
            using var model = OnnxPolicyModel.Load(_model, ExecutionProvider.Cuda);
            Assert.Equal(ExecutionProvider.Cuda, model.Choice.Provider);
            return;
        }

        var error = Assert.Throws<PolicyLoadException>(() => OnnxPolicyModel.Load(_model, ExecutionProvider.Cuda));
        Assert.Contains("execution_provider cuda could not be loaded", error.Message, StringComparison.Ordinal);
        Assert.Contains("LD_LIBRARY_PATH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBuildKnowsTheGpuProviders() =>
        // The provider bridge is compiled into libonnxruntime.so; the libraries themselves load only when asked for.
        Assert.Contains("CPUExecutionProvider", OnnxSessions.Compiled());

    // The CUDA provider needs CUDA 13's cuBLAS (DEPENDENCIES.md); its absence is what "no GPU runtime" means here.
    private static bool GpuRuntimePresent() => NativeLibraryLoads("libcublasLt.so.13") && NativeLibraryLoads("libcuda.so.1");

    private static bool NativeLibraryLoads(string name)
    {
        if (!System.Runtime.InteropServices.NativeLibrary.TryLoad(name, out var handle))
        {
            return false;
        }

        System.Runtime.InteropServices.NativeLibrary.Free(handle);
        return true;
    }
}
