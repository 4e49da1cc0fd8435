namespace Robotics.Policies.Inference;

/// <summary>
/// A loaded model that maps observation tensors to action tensors: ONNX Runtime in Robotics.Policies.Onnx, our own
/// networks in memory (<see cref="NetworkPolicyModel"/>). Inference goes through a <see cref="IModelBinding"/>: buffers
/// for one set of concrete shapes, made once and reused every tick, so a tick allocates nothing.
/// </summary>
public interface IPolicyModel : IDisposable
{
    ModelSignature Signature { get; }

    /// <summary>Where it runs: "cpu", "cuda", "tensorrt", "managed".</summary>
    string ExecutionProvider { get; }

    /// <summary>
    /// Buffers for every input and output at the given concrete shapes (free dimensions resolved: batch, sequence).
    /// A shape that contradicts the model is an error naming the tensor.
    /// </summary>
    IModelBinding Bind(IReadOnlyDictionary<string, long[]> shapes);
}

/// <summary>Input and output buffers bound to a model at fixed shapes. Not thread-safe: one runner at a time.</summary>
public interface IModelBinding : IDisposable
{
    /// <summary>The float32 buffer of input or output <paramref name="name"/> (row-major, the bound shape).</summary>
    Span<float> Floats(string name);

    /// <summary>The int64 buffer of input <paramref name="name"/> (token ids, masks).</summary>
    Span<long> Int64s(string name);

    /// <summary>Runs the model on the input buffers; the output buffers then hold the result.</summary>
    void Run();
}
