namespace Robotics.Policies.Onnx;

/// <summary>The <c>execution_provider</c> parameter: where ONNX Runtime runs a model.</summary>
public enum ExecutionProvider
{
    /// <summary>TensorRT, else CUDA, else CPU: the first whose libraries load (logged once, with why).</summary>
    Auto,
    Cpu,
    Cuda,
    TensorRt,
}

/// <summary>Parsing of <see cref="ExecutionProvider"/> from parameters and the command line.</summary>
public static class ExecutionProviders
{
    public static ExecutionProvider Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => ExecutionProvider.Auto,
        "cpu" => ExecutionProvider.Cpu,
        "cuda" => ExecutionProvider.Cuda,
        "tensorrt" or "trt" => ExecutionProvider.TensorRt,
        _ => throw new ArgumentException($"execution_provider '{text}' is not one of auto, cpu, cuda, tensorrt", nameof(text)),
    };

    public static string Name(this ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cpu => "cpu",
        ExecutionProvider.Cuda => "cuda",
        ExecutionProvider.TensorRt => "tensorrt",
        _ => "auto",
    };
}

/// <summary>What a session runs on and why (for the one log line at start).</summary>
public sealed record ProviderChoice(ExecutionProvider Provider, string Reason);
