using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

/// <summary>A small supervised loop shared by the training tests: y = sin(x) on [−π, π], shuffled minibatches.</summary>
internal static class Training
{
    public static (float[] X, float[] Y) SineData(Rng rng, int count)
    {
        var x = new float[count];
        rng.FillUniform(x, -MathF.PI, MathF.PI);
        return (x, [.. x.Select(MathF.Sin)]);
    }

    /// <summary>Runs <paramref name="epochs"/> of minibatch Adam on MSE (one input, OutputSize targets per row); returns the full-data MSE afterwards.</summary>
    public static float Fit(Mlp net, Adam adam, Rng rng, float[] x, float[] y, int epochs, int batch)
    {
        var outputs = net.OutputSize;
        var order = Enumerable.Range(0, x.Length).ToArray();
        var (bx, by, grad) = (new float[batch], new float[batch * outputs], new float[batch * outputs]);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle<int>(order);
            for (var start = 0; start + batch <= order.Length; start += batch)
            {
                for (var i = 0; i < batch; i++)
                {
                    bx[i] = x[order[start + i]];
                    y.AsSpan(order[start + i] * outputs, outputs).CopyTo(by.AsSpan(i * outputs));
                }

                adam.ZeroGrad();
                Losses.MeanSquaredError(net.Forward(bx, batch), by, grad);
                net.Backward(grad);
                adam.Step();
            }
        }

        return Losses.MeanSquaredError(net.Forward(x, x.Length), y, default);
    }
}
