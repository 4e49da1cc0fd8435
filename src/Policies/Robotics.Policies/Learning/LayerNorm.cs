using System.Numerics.Tensors;

namespace Robotics.Policies.Learning;

/// <summary>
/// Layer normalisation over each row's features (Ba et al. 2016) with learnable γ (ones) and β (zeros), biased
/// variance and ε inside the square root, as PyTorch's nn.LayerNorm and ONNX LayerNormalization. ResFiT puts one in
/// every hidden layer of actor and critic: it keeps Q estimates from diverging at high update-to-data ratios.
/// </summary>
public sealed class LayerNorm : Layer
{
    private float[] _mean = [];
    private float[] _inverseStd = [];
    private readonly float[] _normalized;
    private readonly float[] _scaled;

    /// <summary>γ = 1, β = 0 over <paramref name="size"/> features; ε = 1e-5 is PyTorch's default.</summary>
    public LayerNorm(int size, float epsilon = 1e-5f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (!(epsilon > 0) || !float.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "LayerNorm epsilon must be finite and > 0.");
        }

        Size = size;
        Epsilon = epsilon;
        Gamma = new Parameter("gamma", size);
        Beta = new Parameter("beta", size);
        Gamma.Value.AsSpan().Fill(1);
        Parameters = Array.AsReadOnly([Gamma, Beta]);
        _normalized = new float[size];
        _scaled = new float[size];
    }

    /// <summary>Features per row.</summary>
    public int Size { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public float Epsilon { get; }

    /// <summary>Scale γ, shape [size].</summary>
    public Parameter Gamma { get; }

    /// <summary>Shift β, shape [size].</summary>
    public Parameter Beta { get; }

    /// <inheritdoc/>
    public override LayerKind Kind => LayerKind.LayerNorm;

    /// <inheritdoc/>
    public override int InputSize => Size;

    /// <inheritdoc/>
    public override int OutputSize => Size;

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        CheckRows(input, Size, batch, nameof(input));
        CheckRows(output, Size, batch, nameof(output));
        if (_mean.Length < batch)
        {
            _mean = new float[batch];
            _inverseStd = new float[batch];
        }

        for (var i = 0; i < batch; i++)
        {
            var x = input.Slice(i * Size, Size);
            var y = output.Slice(i * Size, Size);
            var mean = TensorPrimitives.Sum(x) / Size;
            TensorPrimitives.Subtract(x, mean, y); // two passes: E[x²] − E[x]² cancels badly when |mean| ≫ σ
            var inverseStd = 1 / MathF.Sqrt((TensorPrimitives.SumOfSquares(y) / Size) + Epsilon);
            TensorPrimitives.Multiply(y, inverseStd, y);
            TensorPrimitives.MultiplyAdd(y, Gamma.Value, Beta.Value, y);
            _mean[i] = mean;
            _inverseStd[i] = inverseStd;
        }
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, bool accumulateParameterGradients)
    {
        CheckRows(input, Size, batch, nameof(input));
        CheckRows(outputGradient, Size, batch, nameof(outputGradient));
        if (!inputGradient.IsEmpty)
        {
            CheckRows(inputGradient, Size, batch, nameof(inputGradient));
        }

        if (_mean.Length < batch)
        {
            throw new InvalidOperationException("LayerNorm.Backward needs a Forward over the same batch first.");
        }

        var xHat = _normalized.AsSpan();
        var g = _scaled.AsSpan();
        for (var i = 0; i < batch; i++)
        {
            var dy = outputGradient.Slice(i * Size, Size);
            var inverseStd = _inverseStd[i];
            TensorPrimitives.Subtract(input.Slice(i * Size, Size), _mean[i], xHat);
            TensorPrimitives.Multiply(xHat, inverseStd, xHat);
            if (accumulateParameterGradients)
            {
                TensorPrimitives.MultiplyAdd(dy, xHat, Gamma.Grad, Gamma.Grad);
                TensorPrimitives.Add(Beta.Grad, dy, Beta.Grad);
            }

            if (!inputGradient.IsEmpty)
            {
                // dx = (g − mean(g) − x̂·mean(g·x̂))/σ with g = dy·γ (the standard LayerNorm backward).
                var dx = inputGradient.Slice(i * Size, Size);
                TensorPrimitives.Multiply(dy, Gamma.Value, g);
                var meanG = TensorPrimitives.Sum(g) / Size;
                var meanGx = TensorPrimitives.Dot(g, xHat) / Size;
                TensorPrimitives.MultiplyAdd(xHat, -meanGx, g, dx);
                TensorPrimitives.Subtract(dx, meanG, dx);
                TensorPrimitives.Multiply(dx, inverseStd, dx);
            }
        }
    }
}
