namespace Robotics.Policies.Learning;

/// <summary>What a <see cref="Layer"/> computes; the serializer stores it as one byte and an ONNX exporter maps it to an operator.</summary>
public enum LayerKind : byte
{
    /// <summary>y = x·Wᵀ + b (ONNX Gemm, transB = 1).</summary>
    Dense = 1,

    /// <summary>y = (x − mean)/√(var + ε)·γ + β over the features of each row (ONNX LayerNormalization, axis −1).</summary>
    LayerNorm = 2,

    /// <summary>y = max(x, 0) (ONNX Relu).</summary>
    Relu = 3,

    /// <summary>y = tanh(x) (ONNX Tanh).</summary>
    Tanh = 4,
}
