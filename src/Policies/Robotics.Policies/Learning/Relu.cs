using System.Numerics;
using System.Numerics.Tensors;

namespace Robotics.Policies.Learning;

/// <summary>y = max(x, 0); the gradient passes where the output is positive (PyTorch's threshold_backward on the result).</summary>
public sealed class Relu : Layer
{
    /// <summary>An activation over <paramref name="size"/> features.</summary>
    public Relu(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
    }

    /// <summary>Features per row.</summary>
    public int Size { get; }

    /// <inheritdoc/>
    public override LayerKind Kind => LayerKind.Relu;

    /// <inheritdoc/>
    public override int InputSize => Size;

    /// <inheritdoc/>
    public override int OutputSize => Size;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        CheckRows(input, Size, batch, nameof(input));
        CheckRows(output, Size, batch, nameof(output));
        TensorPrimitives.Max(input[..(Size * batch)], 0f, output);
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
            var positive = Vector.GreaterThan(new Vector<float>(output[i..]), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, new Vector<float>(outputGradient[i..]), Vector<float>.Zero).CopyTo(inputGradient[i..]);
        }

        for (; i < n; i++)
        {
            inputGradient[i] = output[i] > 0 ? outputGradient[i] : 0;
        }
    }
}
