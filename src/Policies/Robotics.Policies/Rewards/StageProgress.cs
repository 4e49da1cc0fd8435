namespace Robotics.Policies.Rewards;

/// <summary>
/// SARM's stage-aware progress targets (LEARNING.md §4): ᾱ_k is the mean fraction of episode time spent in stage k
/// over the successful episodes, and a frame in stage k at position τ has progress Σ_{j&lt;k} ᾱ_j + ᾱ_k·τ. Progress
/// then rises at the pace a typical demonstration spends in each stage, whatever the speed of any one episode, and a
/// stage that is quick in every demonstration (a grasp) is worth less than a long one (a transport).
/// </summary>
public static class StageProgress
{
    /// <summary>
    /// ᾱ over the successes among <paramref name="episodes"/> (failures and time-clipped episodes did not show how long
    /// a whole task takes). Each episode's fractions sum to 1, so ᾱ does too.
    /// </summary>
    public static double[] StageFractions(IEnumerable<RewardEpisode> episodes, int stages)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(stages, 1);
        var sum = new double[stages];
        var successes = 0;
        foreach (var episode in episodes)
        {
            if (!episode.Success)
            {
                continue;
            }

            var labels = episode.Stages.Span;
            for (var t = 0; t < labels.Length; t++)
            {
                if (labels[t] >= stages)
                {
                    throw new ArgumentOutOfRangeException(nameof(episodes), labels[t], $"a frame is in stage {labels[t]}; the model has {stages} stages");
                }

                sum[labels[t]] += 1.0 / labels.Length;
            }

            successes++;
        }

        if (successes == 0)
        {
            throw new ArgumentException("ᾱ needs at least one successful episode", nameof(episodes));
        }

        for (var k = 0; k < stages; k++)
        {
            sum[k] /= successes;
        }

        return sum;
    }

    /// <summary>Σ_{j&lt;k} ᾱ_j + ᾱ_k·τ, τ clamped to [0, 1] (a regressed τ may overshoot).</summary>
    public static double Progress(ReadOnlySpan<double> fractions, int stage, double tau)
    {
        if ((uint)stage >= (uint)fractions.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, $"stage must be in [0, {fractions.Length})");
        }

        var before = 0.0;
        for (var j = 0; j < stage; j++)
        {
            before += fractions[j];
        }

        return before + (fractions[stage] * Math.Clamp(tau, 0, 1));
    }

    /// <summary>The target progress of every frame of <paramref name="episode"/> under ᾱ = <paramref name="fractions"/>.</summary>
    public static double[] Targets(RewardEpisode episode, ReadOnlySpan<double> fractions)
    {
        ArgumentNullException.ThrowIfNull(episode);
        var stages = episode.Stages.Span;
        var taus = episode.StageProgress.Span;
        var targets = new double[episode.Length];
        for (var t = 0; t < targets.Length; t++)
        {
            targets[t] = Progress(fractions, stages[t], taus[t]);
        }

        return targets;
    }
}
