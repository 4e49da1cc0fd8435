using Robotics.Policies.Contract;
using Robotics.Policies.Learning;

namespace Robotics.Policies.Rewards;

/// <summary>
/// Trains a <see cref="RewardModel"/> (LEARNING.md §4): SARM's stage classifier and per-stage progress (cross-entropy
/// + MSE of τ against targets built from ᾱ) with rewind augmentation, HIL-SERL's success classifier (BCE; the last
/// ~10 % of a success's frames are positives, everything else negatives, which includes RoboReward's time-clipped
/// successes), and optionally the VLAC/Robo-Dopamine pairwise head as a second network. Adam with global-norm
/// clipping; the same seed and episodes give the same model bit for bit.
/// </summary>
public static class RewardModelTrainer
{
    private const int EvaluationChunk = 512;

    /// <summary>
    /// Trains on <paramref name="episodes"/> (at least one success, all with the same state size and stages below K):
    /// ᾱ and the state normalizer come from all of them, a <see cref="RewardModelOptions.ValidationFraction"/> of the
    /// episodes is held out for the curve, and <paramref name="progress"/> hears each curve point as it is made.
    /// </summary>
    public static RewardTrainingResult Train(IReadOnlyList<RewardEpisode> episodes, RewardModelOptions options, Action<RewardTrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(options);
        var (size, k) = Check(episodes, options.Stages);
        var fractions = StageProgress.StageFractions(episodes, k);
        var (mean, std) = StateStatistics(episodes, size);
        var normalizer = new Normalizer(mean, std, [], []);
        var rng = new Rng(options.Seed);
        var order = Enumerable.Range(0, episodes.Count).ToArray();
        rng.Shuffle<int>(order);
        var held = options.ValidationFraction > 0 && episodes.Count >= 2 ? Math.Clamp((int)Math.Round(episodes.Count * options.ValidationFraction), 1, episodes.Count - 1) : 0;
        var training = order[held..].Select(e => new PreparedEpisode(episodes[e], normalizer, options.SuccessWindowFraction)).ToArray();
        var validation = order[..held].Select(e => new PreparedEpisode(episodes[e], normalizer, options.SuccessWindowFraction)).ToArray();

        var width = options.ContextFrames * size;
        var layout = new RewardOutputLayout(k);
        var network = Mlp.Create(width, [.. options.Hidden], layout.Size, rng, layerNorm: options.LayerNorm);
        var pairwise = options.PairwiseHead ? Mlp.Create(2 * width, [.. options.Hidden], 1, rng, layerNorm: options.LayerNorm, outputActivation: Activation.Tanh) : null;
        var adamOptions = new AdamOptions { LearningRate = options.LearningRate, MaxGradientNorm = options.MaxGradientNorm };
        var adam = new Adam(network.Parameters, adamOptions);
        var pairAdam = pairwise is null ? null : new Adam(pairwise.Parameters, adamOptions);
        var sampler = new RewardSampler(training, options, rng.Split());
        var loss = new RewardLoss(k);

        var batch = options.BatchSize;
        var (inputs, stages, taus, success) = (new float[batch * width], new int[batch], new float[batch], new float[batch]);
        var gradient = new float[batch * layout.Size];
        var (pairInputs, pairTargets, pairGradient) = pairwise is null ? ([], [], []) : (new float[batch * 2 * width], new float[batch], new float[batch]);
        var curve = new List<RewardTrainingProgress>();
        var (running, runningPairs) = (double.NaN, double.NaN);
        for (var step = 1; step <= options.Steps; step++)
        {
            sampler.Sample(batch, inputs, stages, taus, success, pairInputs, pairTargets);
            adam.ZeroGrad();
            var value = loss.Compute(network.Forward(inputs, batch), stages, taus, success, gradient).Total;
            network.Backward(gradient);
            adam.Step();
            running = Smooth(running, value);
            if (pairwise is not null && pairAdam is not null)
            {
                pairAdam.ZeroGrad();
                var pairLoss = Losses.MeanSquaredError(pairwise.Forward(pairInputs, batch), pairTargets, pairGradient);
                pairwise.Backward(pairGradient);
                pairAdam.Step();
                runningPairs = Smooth(runningPairs, pairLoss);
            }

            if (step % options.EvaluateEvery == 0 || step == options.Steps)
            {
                var point = new RewardTrainingProgress(step, options.Steps, running, Evaluate(network, loss, validation, options), runningPairs);
                curve.Add(point);
                progress?.Invoke(point);
            }
        }

        var model = new RewardModel(network, pairwise, size, options.ContextFrames, options.ContextStride, mean, std, fractions);
        return new RewardTrainingResult(model, curve);
    }

    private static double Smooth(double running, double value) => double.IsNaN(running) ? value : (0.98 * running) + (0.02 * value);

    /// <summary>Mean loss over every frame of <paramref name="episodes"/>, forward contexts only (no rewind); NaN for none.</summary>
    private static double Evaluate(Mlp network, RewardLoss loss, PreparedEpisode[] episodes, RewardModelOptions options)
    {
        if (episodes.Length == 0)
        {
            return double.NaN;
        }

        var width = network.InputSize;
        var inputs = new float[EvaluationChunk * width];
        var (stages, taus, success) = (new int[EvaluationChunk], new float[EvaluationChunk], new float[EvaluationChunk]);
        var (sum, count) = (0.0, 0L);
        foreach (var episode in episodes)
        {
            for (var start = 0; start < episode.Length; start += EvaluationChunk)
            {
                var n = Math.Min(EvaluationChunk, episode.Length - start);
                for (var r = 0; r < n; r++)
                {
                    episode.Context(start + r, episode.Length - 1, options.ContextFrames, options.ContextStride, inputs.AsSpan(r * width, width));
                }

                episode.Stages.AsSpan(start, n).CopyTo(stages);
                episode.Taus.AsSpan(start, n).CopyTo(taus);
                episode.Success.AsSpan(start, n).CopyTo(success);
                var output = network.Forward(inputs.AsSpan(0, n * width), n);
                sum += n * (double)loss.Compute(output, stages.AsSpan(0, n), taus.AsSpan(0, n), success.AsSpan(0, n), default).Total;
                count += n;
            }
        }

        return sum / count;
    }

    private static (int StateSize, int Stages) Check(IReadOnlyList<RewardEpisode> episodes, int stages)
    {
        if (episodes.Count == 0)
        {
            throw new ArgumentException("a reward model needs episodes", nameof(episodes));
        }

        var size = episodes[0].StateSize;
        for (var e = 0; e < episodes.Count; e++)
        {
            var episode = episodes[e] ?? throw new ArgumentException($"episode {e} is null", nameof(episodes));
            if (episode.StateSize != size)
            {
                throw new ArgumentException($"episode {e} has {episode.StateSize} features per frame; episode 0 has {size}", nameof(episodes));
            }

            foreach (var stage in episode.Stages.Span)
            {
                if (stage >= stages)
                {
                    throw new ArgumentException($"episode {e} has a frame in stage {stage}; the options say {stages} stages", nameof(episodes));
                }
            }
        }

        return (size, stages);
    }

    private static (double[] Mean, double[] Std) StateStatistics(IReadOnlyList<RewardEpisode> episodes, int size)
    {
        var (sum, squares, n) = (new double[size], new double[size], 0L);
        foreach (var episode in episodes)
        {
            var states = episode.States.Span;
            for (var i = 0; i < states.Length; i++)
            {
                sum[i % size] += states[i];
                squares[i % size] += (double)states[i] * states[i];
            }

            n += episode.Length;
        }

        var mean = sum.Select(s => s / n).ToArray();
        var std = squares.Select((s, i) => Math.Sqrt(Math.Max(0, (s / n) - (mean[i] * mean[i])))).ToArray();
        return (mean, std);
    }
}
