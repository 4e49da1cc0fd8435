using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Robotics.Policies.Learning;

/// <summary>y = max(x, 0); the gradient passes where the output is positive (PyTorch's threshold_backward on the result).</summary>
public sealed class Relu(int size) : ElementwiseLayer(size)
{
    /// <inheritdoc/>
    public override LayerKind Kind => LayerKind.Relu;

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
        // Unchecked loads: the span checks above cover n, and per-slice bounds checks cost 2× on a 256×256 batch.
        ref var y = ref MemoryMarshal.GetReference(output);
        ref var dy = ref MemoryMarshal.GetReference(outputGradient);
        ref var dx = ref MemoryMarshal.GetReference(inputGradient);
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref y, (nuint)i), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, Vector.LoadUnsafe(ref dy, (nuint)i), Vector<float>.Zero).StoreUnsafe(ref dx, (nuint)i);
        }

        for (; i < n; i++)
        {
            inputGradient[i] = output[i] > 0 ? outputGradient[i] : 0;
        }
    }
}
