using Robotics.Policies.Learning;

namespace Robotics.Policies.Export;

/// <summary>
/// Writes one of our <see cref="Mlp"/>s as an ONNX graph: Dense → Gemm (transB = 1, our weights are [out, in]),
/// LayerNorm → LayerNormalization (axis −1, opset 17), Relu → Relu, Tanh → Tanh; input [batch, in], output
/// [batch, out] or, with <paramref name="outputShape"/>, [batch, ...outputShape] through a Reshape (an action chunk
/// [batch, H, A]). The C# forward pass and ONNX Runtime's agree to 1e-5 (tested).
/// </summary>
public static class MlpOnnxExporter
{
    public static OnnxGraph ToGraph(Mlp network, string inputName, string outputName, long[]? outputShape = null, string graphName = "policy")
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = new OnnxGraph(graphName);
        var batch = OnnxDimension.Named("batch");
        graph.AddInput(inputName, OnnxElementType.Float, batch, network.InputSize);
        var current = inputName;
        for (var i = 0; i < network.Layers.Count; i++)
        {
            var next = $"h{i}";
            switch (network.Layers[i])
            {
                case Dense dense:
                    graph.AddInitializer($"l{i}.weight", dense.Weight.Value, dense.OutputSize, dense.InputSize);
                    graph.AddInitializer($"l{i}.bias", dense.Bias.Value, dense.OutputSize);
                    graph.AddNode("Gemm", [current, $"l{i}.weight", $"l{i}.bias"], [next], OnnxAttributeValue.Of("transB", 1L));
                    break;
                case LayerNorm norm:
                    graph.AddInitializer($"l{i}.gamma", norm.Gamma.Value, norm.Size);
                    graph.AddInitializer($"l{i}.beta", norm.Beta.Value, norm.Size);
                    graph.AddNode("LayerNormalization", [current, $"l{i}.gamma", $"l{i}.beta"], [next], OnnxAttributeValue.Of("axis", -1L), OnnxAttributeValue.Of("epsilon", norm.Epsilon));
                    break;
                case Relu:
                    graph.AddNode("Relu", [current], [next]);
                    break;
                case Tanh:
                    graph.AddNode("Tanh", [current], [next]);
                    break;
                default:
                    throw new NotSupportedException($"layer {i} ({network.Layers[i].Kind}) has no ONNX export");
            }

            current = next;
        }

        if (outputShape is { Length: > 0 })
        {
            var count = outputShape.Aggregate(1L, (a, b) => a * b);
            if (count != network.OutputSize)
            {
                throw new ArgumentException($"output shape [{string.Join(", ", outputShape)}] holds {count} values, the network returns {network.OutputSize}", nameof(outputShape));
            }

            graph.AddInitializer("output_shape", [-1, .. outputShape], outputShape.Length + 1);
            graph.AddNode("Reshape", [current, "output_shape"], [outputName]);
            graph.AddOutput(outputName, OnnxElementType.Float, [batch, .. outputShape.Select(d => (OnnxDimension)d)]);
        }
        else
        {
            graph.AddNode("Identity", [current], [outputName]);
            graph.AddOutput(outputName, OnnxElementType.Float, batch, network.OutputSize);
        }

        return graph;
    }
}
