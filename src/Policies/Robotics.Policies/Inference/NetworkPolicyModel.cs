using Robotics.Policies.Learning;

namespace Robotics.Policies.Inference;

/// <summary>
/// The in-memory <see cref="IPolicyModel"/>: one of our networks run by our own forward pass, with the signature its
/// ONNX export has (input [batch, in], output [batch, ...outputShape]). Tests and the contract suite use it without
/// a native library; it is also what a freshly trained policy is before export.
/// </summary>
public sealed class NetworkPolicyModel : IPolicyModel
{
    private readonly Mlp _network;
    private readonly string _input;
    private readonly string _output;

    public NetworkPolicyModel(Mlp network, string inputName, string outputName, long[]? outputShape = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        (_network, _input, _output) = (network, inputName, outputName);
        long[] output = outputShape is { Length: > 0 } ? [-1, .. outputShape] : [-1, network.OutputSize];
        Signature = new ModelSignature([new TensorSpec(inputName, TensorElement.Float32, [-1, network.InputSize])], [new TensorSpec(outputName, TensorElement.Float32, output)]);
    }

    public ModelSignature Signature { get; }

    public string ExecutionProvider => "managed";

    public IModelBinding Bind(IReadOnlyDictionary<string, long[]> shapes)
    {
        var input = ModelShapes.Resolve(Signature.Inputs[0], shapes);
        var output = ModelShapes.Resolve(Signature.Outputs[0], shapes);
        if (input[0] != output[0])
        {
            throw new ArgumentException($"input batch {input[0]} and output batch {output[0]} differ", nameof(shapes));
        }

        return new Binding(this, (int)input[0], new float[ModelShapes.Count(input)], new float[ModelShapes.Count(output)]);
    }

    public void Dispose()
    {
    }

    private sealed class Binding(NetworkPolicyModel model, int batch, float[] input, float[] output) : IModelBinding
    {
        public Span<float> Floats(string name) =>
            name == model._input ? input : name == model._output ? output : throw new KeyNotFoundException($"the model has no float32 tensor {name}");

        public Span<long> Int64s(string name) => throw new KeyNotFoundException($"the model has no int64 tensor {name}");

        public void Run() => model._network.Forward(input, output, batch);

        public void Dispose()
        {
        }
    }
}
