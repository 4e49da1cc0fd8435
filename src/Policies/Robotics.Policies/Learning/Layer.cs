namespace Robotics.Policies.Learning;

/// <summary>
/// One step of a network over a batch stored row-major, [batch, features]. Layers hold parameters and the few
/// per-row statistics backward needs (LayerNorm's mean and 1/σ); <see cref="Mlp"/> owns the activations.
/// </summary>
public abstract class Layer
{
    /// <summary>What the layer computes, for exporters and the serializer.</summary>
    public abstract LayerKind Kind { get; }

    /// <summary>Features per input row.</summary>
    public abstract int InputSize { get; }

    /// <summary>Features per output row.</summary>
    public abstract int OutputSize { get; }

    /// <summary>Learnable tensors (empty for activations).</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Writes output[batch, OutputSize] from input[batch, InputSize].</summary>
    public abstract void Forward(ReadOnlySpan<float> input, Span<float> output, int batch);

    /// <summary>
    /// Given dL/dOutput for the last <see cref="Forward"/> (same <paramref name="input"/>, <paramref name="output"/> and
    /// batch), adds dL/dParameters into each <see cref="Parameter.Grad"/> when <paramref name="accumulateParameterGradients"/>
    /// and overwrites <paramref name="inputGradient"/> with dL/dInput unless it is empty (the first layer rarely needs it).
    /// </summary>
    public abstract void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, bool accumulateParameterGradients);

    /// <summary>Throws unless <paramref name="data"/> holds at least <paramref name="batch"/> rows of <paramref name="width"/>.</summary>
    protected void CheckRows(ReadOnlySpan<float> data, int width, int batch, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        if (data.Length < (long)width * batch)
        {
            throw new ArgumentException($"{Kind} {InputSize}→{OutputSize}: {name} has {data.Length} floats, {batch} rows of {width} need {(long)width * batch}.", name);
        }
    }
}
