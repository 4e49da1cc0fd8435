namespace Robotics.Policies.Inference;

/// <summary>Element types a policy model's inputs and outputs may have.</summary>
public enum TensorElement
{
    Float32,
    Int64,
}

/// <summary>A model input or output as the model declares it; a dimension of -1 is free (batch, sequence).</summary>
public sealed record TensorSpec(string Name, TensorElement Element, IReadOnlyList<long> Dimensions)
{
    public override string ToString() => $"{Name}: {Element.ToString().ToLowerInvariant()}[{string.Join(", ", Dimensions.Select(d => d < 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}

/// <summary>What a model takes and returns, read from the model itself (ONNX graph inputs/outputs).</summary>
public sealed record ModelSignature(IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs)
{
    public TensorSpec? Input(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    public TensorSpec? Output(string name) => Outputs.FirstOrDefault(o => o.Name == name);
}
