using System.Numerics;
using System.Runtime.InteropServices;

namespace Robotics.Policies.Learning;

/// <summary>
/// y = tanh(x); dx = dy·(1 − y²), from the output so backward needs no second tanh. Forward is Eigen 3.4's float
/// rational approximation (generic_fast_tanh_float: x·P(x²)/Q(x²) clamped at ±7.9053, where it reaches exactly ±1; x
/// itself below |x| = 4e-4), within a few ulp of tanh everywhere. TensorPrimitives.Tanh (9.0) was not used: it returns
/// −6e-8 for tanh(0) and is 0.5 % off at 1e-5, so a zero-initialised residual head would not start at exactly zero.
/// Plain multiplies and adds (.NET never fuses them), so the bits are the same on every machine.
/// </summary>
public sealed class Tanh(int size) : ElementwiseLayer(size)
{
    /// <inheritdoc/>
    public override LayerKind Kind => LayerKind.Tanh;

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        CheckRows(input, Size, batch, nameof(input));
        CheckRows(output, Size, batch, nameof(output));
        var n = Size * batch;
        ref var x = ref MemoryMarshal.GetReference(input);
        ref var y = ref MemoryMarshal.GetReference(output);
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            Evaluate(Vector.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
        }

        for (; i < n; i++)
        {
            // The same arithmetic one lane wide, so an element's value does not depend on where it falls.
            output[i] = Evaluate(new Vector<float>(input[i]))[0];
        }
    }

    private static Vector<float> Evaluate(Vector<float> a)
    {
        const float Clamp = 7.90531110763549805f;
        var x = Vector.Min(Vector.Max(a, new Vector<float>(-Clamp)), new Vector<float>(Clamp));
        var x2 = x * x;
        var p = (x2 * -2.76076847742355e-16f) + new Vector<float>(2.00018790482477e-13f);
        p = (p * x2) + new Vector<float>(-8.60467152213735e-11f);
        p = (p * x2) + new Vector<float>(5.12229709037114e-08f);
        p = (p * x2) + new Vector<float>(1.48572235717979e-05f);
        p = (p * x2) + new Vector<float>(6.37261928875436e-04f);
        p = (p * x2) + new Vector<float>(4.89352455891786e-03f);
        var q = (x2 * 1.19825839466702e-06f) + new Vector<float>(1.18534705686654e-04f);
        q = (q * x2) + new Vector<float>(2.26843463243900e-03f);
        q = (q * x2) + new Vector<float>(4.89352518554385e-03f);
        var result = x * p / q;
        result = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(a), new Vector<float>(0.0004f)), a, result);
        return Vector.ConditionalSelect(Vector.Equals(a, a), result, a); // NaN in, NaN out
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
        ref var y = ref MemoryMarshal.GetReference(output);
        ref var dy = ref MemoryMarshal.GetReference(outputGradient);
        ref var dx = ref MemoryMarshal.GetReference(inputGradient);
        var i = 0;
        for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
        {
            var yi = Vector.LoadUnsafe(ref y, (nuint)i);
            (Vector.LoadUnsafe(ref dy, (nuint)i) * (Vector<float>.One - (yi * yi))).StoreUnsafe(ref dx, (nuint)i);
        }

        for (; i < n; i++)
        {
            inputGradient[i] = outputGradient[i] * (1 - (output[i] * output[i]));
        }
    }
}
