namespace Robotics.Policies.Rewards;

/// <summary>
/// How a reward model is judged (LEARNING.md §4–5, benchmark B3: VOC ≥ 0.9, rollout ρ ≥ 0.7, success AUROC ≥ 0.95).
/// Rank statistics only: a progress estimate is used for its order (shaping differences, relabelling), so a model
/// is not penalised for a monotone distortion of the scale. Ties get average ranks throughout.
/// </summary>
public static class RewardMetrics
{
    /// <summary>1-based ranks, tied values sharing the mean of the ranks they span ([10, 20, 20, 30] → [1, 2.5, 2.5, 4]).</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = values.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && keys[end] == keys[start])
            {
                end++;
            }

            var rank = ((start + 1) + end) / 2.0; // mean of ranks start + 1 … end
            for (var i = start; i < end; i++)
            {
                ranks[order[i]] = rank;
            }

            start = end;
        }

        return ranks;
    }

    /// <summary>
    /// Spearman's ρ: Pearson correlation of the (tie-averaged) ranks. NaN when either side is constant (no order to
    /// correlate) or holds a NaN; at least 2 values.
    /// </summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length || x.Length < 2)
        {
            throw new ArgumentException($"Spearman needs two series of the same length ≥ 2; got {x.Length} and {y.Length}");
        }

        if (HasNaN(x) || HasNaN(y))
        {
            return double.NaN;
        }

        var (rx, ry) = (Ranks(x), Ranks(y));
        var mean = (x.Length + 1) / 2.0;
        var (sxy, sxx, syy) = (0.0, 0.0, 0.0);
        for (var i = 0; i < rx.Length; i++)
        {
            var (dx, dy) = (rx[i] - mean, ry[i] - mean);
            (sxy, sxx, syy) = (sxy + (dx * dy), sxx + (dx * dx), syy + (dy * dy));
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>
    /// Value-order correlation (GVL; LEARNING.md §4): Spearman of predicted progress against the frame index, mean over
    /// episodes (held-out successful demonstrations, where progress should rise with time). An episode whose prediction
    /// is constant counts 0 (it orders nothing) rather than being dropped, so a collapsed model cannot score well.
    /// </summary>
    public static double ValueOrderCorrelation(IReadOnlyList<double[]> predictedProgress)
    {
        ArgumentNullException.ThrowIfNull(predictedProgress);
        if (predictedProgress.Count == 0)
        {
            throw new ArgumentException("VOC needs at least one episode", nameof(predictedProgress));
        }

        var sum = 0.0;
        foreach (var episode in predictedProgress)
        {
            var index = new double[episode.Length];
            for (var t = 0; t < index.Length; t++)
            {
                index[t] = t;
            }

            var rho = Spearman(episode, index);
            sum += double.IsNaN(rho) && !HasNaN(episode) ? 0 : rho;
        }

        return sum / predictedProgress.Count;
    }

    /// <summary>
    /// Rollout ρ: Spearman of predicted against true progress over the frames of all rollouts pooled (successes and
    /// failures). Pooled, not a mean per episode, because the reward is compared across episodes — a failure stuck at
    /// 40 % must score below a success at 90 % — and because a per-episode ρ is undefined for a rollout whose true
    /// progress never moved, exactly the failures that matter most.
    /// </summary>
    public static double RolloutCorrelation(IReadOnlyList<double[]> predictedProgress, IReadOnlyList<double[]> trueProgress)
    {
        var (predicted, truth) = Pool(predictedProgress, trueProgress);
        return Spearman(predicted, truth);
    }

    /// <summary>
    /// Area under the ROC curve by Mann–Whitney: the chance that a random positive scores above a random negative, a
    /// tie counting half; 1 = perfectly separated, 0.5 = chance. Needs both classes; NaN scores are refused.
    /// </summary>
    public static double Auroc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length)
        {
            throw new ArgumentException($"{scores.Length} scores for {positive.Length} labels");
        }

        if (HasNaN(scores))
        {
            throw new ArgumentException("AUROC of a NaN score is undefined", nameof(scores));
        }

        var ranks = Ranks(scores);
        var (positives, rankSum) = (0L, 0.0);
        for (var i = 0; i < ranks.Length; i++)
        {
            if (positive[i])
            {
                positives++;
                rankSum += ranks[i];
            }
        }

        var negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException($"AUROC needs positives and negatives; got {positives} and {negatives}", nameof(positive));
        }

        // U = R₊ − n₊(n₊ + 1)/2 counts (positive above negative) pairs, ties ½ through the averaged ranks.
        return (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>
    /// Pairwise order accuracy: over every pair of frames i &lt; j within one episode whose true progress differs,
    /// the fraction the prediction orders the same way (a tied prediction counts half). Pairs across episodes are not
    /// compared: that is what <see cref="RolloutCorrelation"/> measures.
    /// </summary>
    public static double PairwiseOrderAccuracy(IReadOnlyList<double[]> predictedProgress, IReadOnlyList<double[]> trueProgress)
    {
        Pool(predictedProgress, trueProgress);
        var (agree, pairs) = (0.0, 0L);
        for (var e = 0; e < predictedProgress.Count; e++)
        {
            var (p, q) = (predictedProgress[e], trueProgress[e]);
            for (var i = 0; i < p.Length; i++)
            {
                for (var j = i + 1; j < p.Length; j++)
                {
                    if (q[i] == q[j])
                    {
                        continue;
                    }

                    pairs++;
                    var (truth, guess) = (Math.Sign(q[j] - q[i]), Math.Sign(p[j] - p[i]));
                    agree += guess == 0 ? 0.5 : guess == truth ? 1 : 0;
                }
            }
        }

        return pairs == 0 ? double.NaN : agree / pairs;
    }

    private static (double[] Predicted, double[] Truth) Pool(IReadOnlyList<double[]> predicted, IReadOnlyList<double[]> truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Count != truth.Count || predicted.Count == 0)
        {
            throw new ArgumentException($"{predicted.Count} predicted and {truth.Count} true episodes (must match, ≥ 1)");
        }

        for (var e = 0; e < predicted.Count; e++)
        {
            if (predicted[e].Length != truth[e].Length)
            {
                throw new ArgumentException($"episode {e}: {predicted[e].Length} predictions for {truth[e].Length} frames");
            }
        }

        return ([.. predicted.SelectMany(p => p)], [.. truth.SelectMany(t => t)]);
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }
}
