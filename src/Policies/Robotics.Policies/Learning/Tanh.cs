using System.Numerics;
using System.Numerics.Tensors;

namespace Robotics.Policies.Learning;

/// <summary>y = tanh(x); dx = dy·(1 − y²), from the output so backward needs no second tanh.</summary>
public sealed class Tanh : Layer
{
    /// <summary>An activation over <paramref name="size"/> features.</summary>
    public Tanh(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
    }

    /// <summary>Features per row.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override LayerKind Kind => LayerKind.Tanh;

    /// <inheritdoc/>
    public override int InputSize => Size;

    /// <inheritdoc/>
    public override int OutputSize => Size;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        CheckRows(input, Size, batch, nameof(input));
        CheckRows(output, Size, batch, nameof(output));
        TensorPrimitives.Tanh(input[..(Size * batch)], output);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, bool accumulateParameterGradients)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }

        var n = Size * batch;
        CheckRows(output, Size, batch, nameof(output));
        CheckRows(outputGradient, Size, batch, nameof(outputGradient));
        CheckRows(inputGradient, Size, batch, nameof(inputGradient));
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var y = new Vector<float>(output[i..]);
            (new Vector<float>(outputGradient[i..]) * (Vector<float>.One - (y * y))).CopyTo(inputGradient[i..]);
        }

        for (; i < n; i++)
        {
            inputGradient[i] = outputGradient[i] * (1 - (output[i] * output[i]));
        }
    }
}
