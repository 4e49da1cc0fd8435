namespace Robotics.Policies.Contract;

/// <summary>
/// The sidecar's normalization (LEARNING.md §1): state (x − mean) / max(std, 0.1); actions in [−1, 1] map to
/// [min, max] with the range floored at 0.1 around its centre. The floors keep a joint that barely moved in the
/// demonstrations from blowing up its inputs or freezing its outputs.
/// </summary>
public sealed class Normalizer
{
    public const double MinStd = 0.1;
    public const double MinRange = 0.1;

    private readonly double[] _mean;
    private readonly double[] _invStd;
    private readonly double[] _centre;
    private readonly double[] _halfRange;

    public Normalizer(IReadOnlyList<double> stateMean, IReadOnlyList<double> stateStd, IReadOnlyList<double> actionMin, IReadOnlyList<double> actionMax)
    {
        ArgumentNullException.ThrowIfNull(stateMean);
        ArgumentNullException.ThrowIfNull(stateStd);
        ArgumentNullException.ThrowIfNull(actionMin);
        ArgumentNullException.ThrowIfNull(actionMax);
        _mean = [.. stateMean];
        _invStd = [.. stateStd.Select(s => 1 / Math.Max(s, MinStd))];
        _centre = [.. actionMin.Zip(actionMax, (lo, hi) => (lo + hi) / 2)];
        _halfRange = [.. actionMin.Zip(actionMax, (lo, hi) => Math.Max(hi - lo, MinRange) / 2)];
    }

    public static Normalizer From(PolicySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(spec.State.Mean, spec.State.Std, spec.Action.Min, spec.Action.Max);
    }

    public int StateSize => _mean.Length;

    public int ActionSize => _centre.Length;

    public void NormalizeState(ReadOnlySpan<double> state, Span<float> normalized)
    {
        for (var i = 0; i < _mean.Length; i++)
        {
            normalized[i] = (float)((state[i] - _mean[i]) * _invStd[i]);
        }
    }

    /// <summary>One action (A values in [−1, 1]) to joint targets.</summary>
    public void Denormalize(ReadOnlySpan<float> normalized, Span<float> targets)
    {
        for (var i = 0; i < _centre.Length; i++)
        {
            targets[i] = (float)(_centre[i] + (normalized[i] * _halfRange[i]));
        }
    }

    /// <summary>Joint targets to [−1, 1] (training labels); values outside [min, max] map outside [−1, 1].</summary>
    public void NormalizeAction(ReadOnlySpan<double> targets, Span<float> normalized)
    {
        for (var i = 0; i < _centre.Length; i++)
        {
            normalized[i] = (float)((targets[i] - _centre[i]) / _halfRange[i]);
        }
    }
}
