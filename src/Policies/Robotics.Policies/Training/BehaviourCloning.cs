using Robotics.Policies.Contract;
using Robotics.Policies.Learning;

namespace Robotics.Policies.Training;

/// <summary>Settings of <see cref="BehaviourCloning.Train"/> (defaults: LEARNING.md §2, sized for 2 CPU cores).</summary>
public sealed record BcOptions
{
    /// <summary>H: actions predicted per state (the chunk).</summary>
    public int ChunkLength { get; init; } = 10;

    public IReadOnlyList<int> Hidden { get; init; } = [256, 256];

    public bool LayerNorm { get; init; } = true;

    public int Steps { get; init; } = 4000;

    public int BatchSize { get; init; } = 256;

    public float LearningRate { get; init; } = 1e-3f;

    public float MaxGradientNorm { get; init; } = 1f;

    /// <summary>Fraction of episodes held out to measure validation loss.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    public ulong Seed { get; init; } = 1;

    /// <summary>Steps between two points of the learning curve.</summary>
    public int EvaluateEvery { get; init; } = 100;
}

/// <summary>One point of the learning curve.</summary>
public readonly record struct BcProgress(int Step, int Steps, double TrainLoss, double ValidationLoss);

/// <summary>A trained chunk policy: the network (normalized state → H normalized actions) and its statistics.</summary>
public sealed record BcResult(Mlp Network, Normalizer Normalizer, double[] StateMean, double[] StateStd, double[] ActionMin, double[] ActionMax, IReadOnlyList<BcProgress> Curve);

/// <summary>
/// Behaviour cloning of an action-chunk policy (ACT's chunking with an MLP, Zhao et al. 2023): from each state the
/// network predicts the next H actions the demonstrator took (the last action repeats past the episode's end),
/// in [−1, 1] after the sidecar's normalization, trained with MSE, Adam and gradient clipping.
/// </summary>
public static class BehaviourCloning
{
    public static BcResult Train(Demonstrations demos, BcOptions options, Action<BcProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(demos);
        ArgumentNullException.ThrowIfNull(options);
        if (demos.Episodes < 2)
        {
            throw new ArgumentException($"behaviour cloning needs at least 2 episodes (one is held out), got {demos.Episodes}", nameof(demos));
        }

        var (f, a, h) = (demos.StateSize, demos.ActionSize, options.ChunkLength);
        var (mean, std) = StateStatistics(demos);
        var (min, max) = ActionRange(demos);
        var normalizer = new Normalizer(mean, std, min, max);
        var rng = new Rng(options.Seed);
        var order = Enumerable.Range(0, demos.Episodes).OrderBy(_ => rng.NextUInt64()).ToArray();
        var held = Math.Max(1, (int)Math.Round(demos.Episodes * options.ValidationFraction));
        var (trainX, trainY) = Samples(demos, order[held..], normalizer, h);
        var (validX, validY) = Samples(demos, order[..held], normalizer, h);
        var network = Mlp.Create(f, [.. options.Hidden], h * a, rng, layerNorm: options.LayerNorm);
        var adam = new Adam(network.Parameters, new AdamOptions { LearningRate = options.LearningRate, MaxGradientNorm = options.MaxGradientNorm });
        var trainCount = trainY.Length / (h * a);
        var batch = Math.Min(options.BatchSize, trainCount);
        var x = new float[batch * f];
        var y = new float[batch * h * a];
        var gradient = new float[y.Length];
        var curve = new List<BcProgress>();
        var running = double.NaN;
        for (var step = 1; step <= options.Steps; step++)
        {
            for (var row = 0; row < batch; row++)
            {
                var sample = rng.NextInt(trainCount);
                trainX.AsSpan(sample * f, f).CopyTo(x.AsSpan(row * f, f));
                trainY.AsSpan(sample * h * a, h * a).CopyTo(y.AsSpan(row * h * a, h * a));
            }

            adam.ZeroGrad();
            var loss = Losses.MeanSquaredError(network.Forward(x, batch), y, gradient);
            network.Backward(gradient);
            adam.Step();
            running = double.IsNaN(running) ? loss : (0.98 * running) + (0.02 * loss);
            if (step % options.EvaluateEvery == 0 || step == options.Steps)
            {
                var point = new BcProgress(step, options.Steps, running, Evaluate(network, validX, validY, f, h * a));
                curve.Add(point);
                progress?.Invoke(point);
            }
        }

        return new BcResult(network, normalizer, mean, std, min, max, curve);
    }

    /// <summary>Mean squared error of <paramref name="network"/> on normalized samples, in batches.</summary>
    public static double Evaluate(Mlp network, float[] x, float[] y, int inputs, int outputs)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var count = y.Length / outputs;
        var sum = 0.0;
        for (var start = 0; start < count; start += 512)
        {
            var rows = Math.Min(512, count - start);
            var prediction = network.Forward(x.AsSpan(start * inputs, rows * inputs), rows);
            for (var i = 0; i < rows * outputs; i++)
            {
                var d = prediction[i] - y[(start * outputs) + i];
                sum += d * d;
            }
        }

        return sum / y.Length;
    }

    private static (float[] X, float[] Y) Samples(Demonstrations demos, int[] episodes, Normalizer normalizer, int h)
    {
        var (f, a) = (demos.StateSize, demos.ActionSize);
        var frames = episodes.Sum(e => demos.All[e].Actions.Length / a);
        var x = new float[frames * f];
        var y = new float[frames * h * a];
        var state = new double[f];
        var action = new double[a];
        var row = 0;
        foreach (var e in episodes)
        {
            var (states, actions) = demos.All[e];
            var length = actions.Length / a;
            for (var t = 0; t < length; t++, row++)
            {
                for (var i = 0; i < f; i++)
                {
                    state[i] = states[(t * f) + i];
                }

                normalizer.NormalizeState(state, x.AsSpan(row * f, f));
                for (var k = 0; k < h; k++)
                {
                    var source = Math.Min(t + k, length - 1);
                    for (var i = 0; i < a; i++)
                    {
                        action[i] = actions[(source * a) + i];
                    }

                    normalizer.NormalizeAction(action, y.AsSpan((((row * h) + k) * a), a));
                }
            }
        }

        return (x, y);
    }

    private static (double[] Mean, double[] Std) StateStatistics(Demonstrations demos)
    {
        var f = demos.StateSize;
        var (sum, squares, n) = (new double[f], new double[f], 0L);
        foreach (var (states, _) in demos.All)
        {
            for (var i = 0; i < states.Length; i++)
            {
                sum[i % f] += states[i];
                squares[i % f] += (double)states[i] * states[i];
            }

            n += states.Length / f;
        }

        var mean = sum.Select(s => s / n).ToArray();
        var std = squares.Select((s, i) => Math.Sqrt(Math.Max(0, (s / n) - (mean[i] * mean[i])))).ToArray();
        return (mean, std);
    }

    private static (double[] Min, double[] Max) ActionRange(Demonstrations demos)
    {
        var a = demos.ActionSize;
        var min = Enumerable.Repeat(double.PositiveInfinity, a).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, a).ToArray();
        foreach (var (_, actions) in demos.All)
        {
            for (var i = 0; i < actions.Length; i++)
            {
                min[i % a] = Math.Min(min[i % a], actions[i]);
                max[i % a] = Math.Max(max[i % a], actions[i]);
            }
        }

        return (min, max);
    }
}
