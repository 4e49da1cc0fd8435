using Robotics.Policies.Rewards;

namespace Robotics.Cli.Learning;

/// <summary>
/// B3's figures for a reward model on held-out episodes (LEARNING.md §4–5). <see cref="Voc"/>: value-order correlation
/// on the held-out successful demonstrations. <see cref="RolloutRho"/>: Spearman of predicted against physically
/// measured progress over every frame of the held-out rollouts pooled, failures included; <see cref="LinearTimeRho"/>
/// the same for linear-time labels (t / (T − 1) of each episode, the baseline to beat) and <see cref="StageLabelRho"/>
/// for the SARM targets the model was trained on (how well the labels themselves order the truth). <see cref="Auroc"/>:
/// success probability at the last frame of every held-out episode against its outcome (<see cref="RolloutAuroc"/>:
/// the rollouts alone, NaN when they hold one class). <see cref="OrderAccuracy"/>: pairwise order accuracy of the
/// predicted progress within each held-out rollout against the truth.
/// </summary>
public sealed record RewardBenchmarkResult(
    double Voc,
    double RolloutRho,
    double LinearTimeRho,
    double StageLabelRho,
    double Auroc,
    double RolloutAuroc,
    double OrderAccuracy,
    double LinearTimeOrderAccuracy,
    int HeldOutDemos,
    int HeldOutRollouts,
    int HeldOutRolloutSuccesses)
{
    /// <summary>B3: VOC ≥ 0.9.</summary>
    public const double VocThreshold = 0.9;

    /// <summary>B3: rollout ρ ≥ 0.7 (and above linear-time labels).</summary>
    public const double RhoThreshold = 0.7;

    /// <summary>B3: success AUROC ≥ 0.95.</summary>
    public const double AurocThreshold = 0.95;

    public bool VocPasses => Voc >= VocThreshold;

    public bool RhoPasses => RolloutRho >= RhoThreshold && RolloutRho > LinearTimeRho;

    public bool AurocPasses => Auroc >= AurocThreshold;

    /// <summary>Every threshold of B3's reward-model half (the shaped-RL half is a separate run).</summary>
    public bool Passes => VocPasses && RhoPasses && AurocPasses;
}

/// <summary>Computes <see cref="RewardBenchmarkResult"/> and the per-frame predictions behind it.</summary>
public static class RewardBenchmark
{
    /// <summary>Predicted progress and success probability of every frame of <paramref name="recording"/>.</summary>
    public static (double[] Progress, double[] Success) Predict(RewardModel model, RewardRecording recording)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recording);
        var predictions = model.PredictEpisode(recording.States.Span);
        return ([.. predictions.Select(p => (double)p.Progress)], [.. predictions.Select(p => (double)p.SuccessProbability)]);
    }

    /// <summary>t / (T − 1) for each frame: progress assumed to grow linearly with time over the episode (0 … 1).</summary>
    public static double[] LinearTime(int frames) => [.. Enumerable.Range(0, frames).Select(t => frames <= 1 ? 1.0 : (double)t / (frames - 1))];

    public static RewardBenchmarkResult Evaluate(RewardModel model, IReadOnlyList<RewardRecording> demos, IReadOnlyList<RewardRecording> rollouts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(demos);
        ArgumentNullException.ThrowIfNull(rollouts);
        if (demos.Count == 0 || rollouts.Count == 0)
        {
            throw new ArgumentException($"B3 needs held-out demonstrations and rollouts; got {demos.Count} and {rollouts.Count}");
        }

        var demoPredictions = demos.Select(d => Predict(model, d)).ToList();
        var rolloutPredictions = rollouts.Select(r => Predict(model, r)).ToList();
        var truth = rollouts.Select(r => r.ProgressArray()).ToList();
        var linear = rollouts.Select(r => LinearTime(r.Length)).ToList();
        var fractions = model.StageFractions.ToArray();
        var labels = rollouts.Select(r => StageProgress.Targets(r.ToEpisode(), fractions)).ToList();
        var predicted = rolloutPredictions.Select(p => p.Progress).ToList();

        var scores = demoPredictions.Concat(rolloutPredictions).Select(p => p.Success[^1]).ToArray();
        var outcomes = demos.Concat(rollouts).Select(e => e.Success).ToArray();
        var rolloutScores = rolloutPredictions.Select(p => p.Success[^1]).ToArray();
        var rolloutOutcomes = rollouts.Select(r => r.Success).ToArray();
        return new RewardBenchmarkResult(
            Voc: RewardMetrics.ValueOrderCorrelation(demoPredictions.Select(p => p.Progress).ToList()),
            RolloutRho: RewardMetrics.RolloutCorrelation(predicted, truth),
            LinearTimeRho: RewardMetrics.RolloutCorrelation(linear, truth),
            StageLabelRho: RewardMetrics.RolloutCorrelation(labels, truth),
            Auroc: SafeAuroc(scores, outcomes),
            RolloutAuroc: SafeAuroc(rolloutScores, rolloutOutcomes),
            OrderAccuracy: RewardMetrics.PairwiseOrderAccuracy(predicted, truth),
            LinearTimeOrderAccuracy: RewardMetrics.PairwiseOrderAccuracy(linear, truth),
            HeldOutDemos: demos.Count,
            HeldOutRollouts: rollouts.Count,
            HeldOutRolloutSuccesses: rollouts.Count(r => r.Success));
    }

    /// <summary>AUROC, or NaN when one class is missing (then it is undefined, not 0.5).</summary>
    private static double SafeAuroc(double[] scores, bool[] positive) =>
        positive.Any(p => p) && positive.Any(p => !p) ? RewardMetrics.Auroc(scores, positive) : double.NaN;
}
