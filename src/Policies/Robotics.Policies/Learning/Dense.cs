using System.Numerics.Tensors;

namespace Robotics.Policies.Learning;

/// <summary>
/// Fully connected layer y = x·Wᵀ + b with W stored [outputs, inputs] row-major: PyTorch's nn.Linear layout and ONNX
/// Gemm with transB = 1, so weights export without a transpose.
/// </summary>
public sealed class Dense : Layer
{
    /// <summary>
    /// PyTorch's default nn.Linear initialisation: kaiming_uniform_(a = √5) for W and U(±1/√fan_in) for b, which both
    /// reduce to U(−1/√inputs, 1/√inputs).
    /// </summary>
    public Dense(int inputs, int outputs, Rng rng)
        : this(inputs, outputs)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var bound = 1 / MathF.Sqrt(inputs);
        rng.FillUniform(Weight.Value, -bound, bound);
        rng.FillUniform(Bias.Value, -bound, bound);
    }

    private Dense(int inputs, int outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        InputSize = inputs;
        OutputSize = outputs;
        Weight = new Parameter("weight", outputs, inputs);
        Bias = new Parameter("bias", outputs);
        Parameters = Array.AsReadOnly([Weight, Bias]);
    }

    /// <inheritdoc/>
    public override LayerKind Kind => LayerKind.Dense;

    /// <inheritdoc/>
    public override int InputSize { get; }

    /// <inheritdoc/>
    public override int OutputSize { get; }

    /// <summary>W, shape [outputs, inputs].</summary>
    public Parameter Weight { get; }

    /// <summary>b, shape [outputs].</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// All-zero weights and bias: the residual actor's output layer, so training starts exactly at the base policy
    /// (ResFiT, Ankile et al. 2025); also the blank a loader fills.
    /// </summary>
    public static Dense Zeros(int inputs, int outputs) => new(inputs, outputs);

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        CheckRows(input, InputSize, batch, nameof(input));
        CheckRows(output, OutputSize, batch, nameof(output));
        var bias = Bias.Value;
        for (var i = 0; i < batch; i++)
        {
            bias.CopyTo(output.Slice(i * OutputSize, OutputSize));
        }

        // Y[batch × out] += X[batch × in] · Wᵀ: B(k, n) = W[n, k], contiguous along k.
        Gemm.Multiply(batch, OutputSize, InputSize, input, InputSize, 1, Weight.Value, 1, InputSize, output, OutputSize, accumulate: true);
    }

    /// <inheritdoc/>
    public override void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int batch, bool accumulateParameterGradients)
    {
        CheckRows(input, InputSize, batch, nameof(input));
        CheckRows(outputGradient, OutputSize, batch, nameof(outputGradient));
        if (!inputGradient.IsEmpty)
        {
            CheckRows(inputGradient, InputSize, batch, nameof(inputGradient));
        }

        if (accumulateParameterGradients)
        {
            // dW[out × in] += dYᵀ · X: A(i, k) = dY[k, i] (column-major view), B = X row-major.
            Gemm.Multiply(OutputSize, InputSize, batch, outputGradient, 1, OutputSize, input, InputSize, 1, Weight.Grad, InputSize, accumulate: true);
            var db = Bias.Grad.AsSpan();
            for (var i = 0; i < batch; i++)
            {
                TensorPrimitives.Add(db, outputGradient.Slice(i * OutputSize, OutputSize), db);
            }
        }

        if (!inputGradient.IsEmpty)
        {
            // dX[batch × in] = dY · W.
            Gemm.Multiply(batch, InputSize, OutputSize, outputGradient, OutputSize, 1, Weight.Value, InputSize, 1, inputGradient, InputSize, accumulate: false);
        }
    }
}
