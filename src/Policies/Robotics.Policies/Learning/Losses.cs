using System.Numerics.Tensors;

namespace Robotics.Policies.Learning;

/// <summary>
/// Loss values and their gradients with respect to the prediction, averaged like PyTorch's reduction = "mean". Each
/// writes dLoss/dPrediction into <c>gradient</c> (overwriting it) unless that span is empty; sums run in double so
/// the value does not drift with the batch size.
/// </summary>
public static class Losses
{
    /// <summary>mean((p − t)²) over all elements; gradient 2(p − t)/n.</summary>
    public static float MeanSquaredError(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, Span<float> gradient) =>
        MeanSquaredError(prediction, target, default, gradient);

    /// <summary>
    /// Σ wᵢ(pᵢ − tᵢ)²/n with per-element weights (importance weights, masks for padded action chunks); divides by n, not
    /// Σw, so a zero weight removes an element without raising the others. Empty <paramref name="weights"/> means all 1.
    /// </summary>
    public static float MeanSquaredError(ReadOnlySpan<float> prediction, ReadOnlySpan<float> target, ReadOnlySpan<float> weights, Span<float> gradient)
    {
        var n = CheckSame(prediction, target.Length, nameof(target));
        if (!weights.IsEmpty)
        {
            CheckSame(prediction, weights.Length, nameof(weights));
        }

        CheckGradient(gradient, n);

        var scale = 2.0 / n;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            double error = prediction[i] - target[i];
            var w = weights.IsEmpty ? 1.0 : weights[i];
            sum += w * error * error;
            if (!gradient.IsEmpty)
            {
                gradient[i] = (float)(scale * w * error);
            }
        }

        return (float)(sum / n);
    }

    /// <summary>
    /// Cross-entropy of logits [rows, classes] (classes = logits.Length / labels.Length) against integer labels, mean
    /// over rows, by log-sum-exp shifted by the row maximum (no overflow at any logit scale); gradient (softmax − onehot)/rows.
    /// </summary>
    public static float CrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> gradient)
    {
        var rows = labels.Length;
        if (rows == 0 || logits.Length % rows != 0 || logits.Length == 0)
        {
            throw new ArgumentException($"Logits ({logits.Length}) must be rows × classes for {rows} labels.", nameof(logits));
        }

        var classes = logits.Length / rows;
        CheckGradient(gradient, logits.Length);
        var sum = 0.0;
        for (var r = 0; r < rows; r++)
        {
            var label = labels[r];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Label of row {r} is outside [0, {classes}).");
            }

            var row = logits.Slice(r * classes, classes);
            var max = TensorPrimitives.Max(row);
            var total = 0.0;
            for (var c = 0; c < classes; c++)
            {
                total += Math.Exp(row[c] - max);
            }

            var logTotal = Math.Log(total);
            sum += logTotal - (row[label] - max);
            if (!gradient.IsEmpty)
            {
                var g = gradient.Slice(r * classes, classes);
                for (var c = 0; c < classes; c++)
                {
                    g[c] = (float)((Math.Exp(row[c] - max - logTotal) - (c == label ? 1 : 0)) / rows);
                }
            }
        }

        return (float)(sum / rows);
    }

    /// <summary>
    /// Binary cross-entropy of logits x against targets t in [0, 1], mean over elements, in the stable form
    /// max(x, 0) − x·t + log(1 + e^−|x|) (PyTorch's BCEWithLogitsLoss); gradient (σ(x) − t)/n.
    /// </summary>
    public static float BinaryCrossEntropyWithLogits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient)
    {
        var n = CheckSame(logits, targets.Length, nameof(targets));
        CheckGradient(gradient, n);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            double x = logits[i];
            double t = targets[i];
            var e = Math.Exp(-Math.Abs(x));
            sum += Math.Max(x, 0) - (x * t) + Math.Log(1 + e);
            if (!gradient.IsEmpty)
            {
                var sigmoid = x >= 0 ? 1 / (1 + e) : e / (1 + e);
                gradient[i] = (float)((sigmoid - t) / n);
            }
        }

        return (float)(sum / n);
    }

    private static int CheckSame(ReadOnlySpan<float> prediction, int length, string name)
    {
        if (prediction.IsEmpty || prediction.Length != length)
        {
            throw new ArgumentException($"{name} has {length} elements; the prediction has {prediction.Length} (must match, and not be empty).", name);
        }

        return length;
    }

    private static void CheckGradient(Span<float> gradient, int length)
    {
        if (!gradient.IsEmpty && gradient.Length != length)
        {
            throw new ArgumentException($"Gradient has {gradient.Length} elements; the prediction has {length}.", nameof(gradient));
        }
    }
}
