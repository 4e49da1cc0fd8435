namespace Robotics.Policies.Learning;

/// <summary>
/// A learnable tensor: values, the gradient accumulated by backward passes, and its shape (row-major). The arrays are
/// exposed as-is because optimizers, Polyak averaging, serializers and the ONNX exporter all work on them in place.
/// </summary>
public sealed class Parameter
{
    /// <summary>Zero-filled values and gradients of the given shape.</summary>
    public Parameter(string name, params ReadOnlySpan<int> shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var length = 1L;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension, nameof(shape));
            length *= dimension;
        }

        if (shape.IsEmpty || length > Array.MaxLength)
        {
            throw new ArgumentException($"Parameter '{name}' needs 1 or more dimensions and at most {Array.MaxLength} elements.", nameof(shape));
        }

        Name = name;
        Shape = shape.ToArray();
        Value = new float[length];
        Grad = new float[length];
    }

    /// <summary>"weight", "bias", "gamma", "beta" (PyTorch calls the last two weight and bias of LayerNorm).</summary>
    public string Name { get; }

    /// <summary>Dimensions, outermost first; a dense weight is [outputs, inputs].</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Element count (the product of <see cref="Shape"/>).</summary>
    public int Length => Value.Length;

#pragma warning disable CA1819 // The training loop, optimizers and exporters work on these arrays in place (SIMD, no copies).
    /// <summary>The values, row-major.</summary>
    public float[] Value { get; }

    /// <summary>dLoss/dValue, accumulated by backward passes until <see cref="ZeroGrad"/>.</summary>
    public float[] Grad { get; }
#pragma warning restore CA1819

    /// <summary>Clears the accumulated gradient.</summary>
    public void ZeroGrad() => Array.Clear(Grad);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}[{string.Join('×', Shape)}]";
}
