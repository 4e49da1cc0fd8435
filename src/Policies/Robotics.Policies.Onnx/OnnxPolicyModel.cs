using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Robotics.Policies.Inference;

namespace Robotics.Policies.Onnx;

/// <summary>
/// An ONNX model on ONNX Runtime as an <see cref="IPolicyModel"/>. The signature is read from the model's own
/// input/output metadata, so the sidecar is checked against the file and not against itself.
/// </summary>
public sealed class OnnxPolicyModel : IPolicyModel
{
    private readonly InferenceSession _session;

    private OnnxPolicyModel(string path, InferenceSession session, ProviderChoice choice)
    {
        (Path, _session, Choice) = (path, session, choice);
        Signature = new ModelSignature(Specs(session.InputMetadata), Specs(session.OutputMetadata));
        Metadata = session.ModelMetadata.CustomMetadataMap.ToDictionary(StringComparer.Ordinal);
    }

    public string Path { get; }

    public ModelSignature Signature { get; }

    public ProviderChoice Choice { get; }

    public string ExecutionProvider => Choice.Provider.Name();

    /// <summary>The model's metadata_props (our exporter stores the policy id and training facts there).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    internal InferenceSession Session => _session;

    public static OnnxPolicyModel Load(string path, ExecutionProvider provider = Onnx.ExecutionProvider.Auto, int deviceId = 0, int intraOpThreads = 1)
    {
        var (session, choice) = OnnxSessions.Open(path, provider, deviceId, intraOpThreads);
        try
        {
            return new OnnxPolicyModel(path, session, choice);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public IModelBinding Bind(IReadOnlyDictionary<string, long[]> shapes) => new OnnxModelBinding(this, shapes);

    public void Dispose() => _session.Dispose();

    private static TensorSpec[] Specs(IReadOnlyDictionary<string, NodeMetadata> metadata) =>
        [.. metadata.Select(m => new TensorSpec(m.Key, Element(m.Key, m.Value), [.. m.Value.Dimensions.Select(d => (long)d)]))];

    private static TensorElement Element(string name, NodeMetadata metadata) =>
        metadata.OnnxValueType != OnnxValueType.ONNX_TYPE_TENSOR
            ? throw new PolicyLoadException($"model tensor {name} is a {metadata.OnnxValueType}, policies take and return plain tensors")
            : metadata.ElementDataType switch
            {
                TensorElementType.Float => TensorElement.Float32,
                TensorElementType.Int64 => TensorElement.Int64,
                var other => throw new PolicyLoadException($"model tensor {name} is {other}; policies use float32 (states, images, actions) and int64 (token ids)"),
            };
}
