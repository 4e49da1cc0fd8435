namespace Robotics.Policies.Rewards;

/// <summary>
/// Relabels stored transitions with potential-based shaping from a reward model (LEARNING.md §4: "async relabelling of
/// stored transitions in batches, so a slow reward model never stalls the control loop"): r′ = r + λ(γΦ(s′) − Φ(s)),
/// Φ = the model's progress, Φ(s′) := 0 on a true terminal and kept on a time limit (Ng et al. 1999; Pardo et al. 2018).
/// One instance follows one stream of consecutive steps (one actor's, oldest first) across calls: each frame is scored
/// with the context <see cref="RewardModel.PredictEpisode"/> would give it in its episode, so relabelling a stream
/// equals scoring its episodes offline, however the stream is cut into calls. Each call scores all its new frames in
/// one <see cref="RewardModel.PredictBatch"/>. A step whose Φ(s) or Φ(s′) is not finite (NaN weights, a NaN frame in
/// its context) or whose frames have the wrong size is quarantined — no reward, counted — never rewarded. Not
/// thread-safe (nor is the model); one per stream.
/// </summary>
public sealed class TransitionRelabeller
{
    private const int PreviousCall = -1;
    private const int Malformed = -2;
    private readonly RewardModel _model;
    private readonly PotentialShaping _shaping;
    private readonly RewardContext _context;
    private readonly float[] _lastNextFrame;
    private RewardPrediction _lastNext = RewardPrediction.Invalid;
    private bool _open; // the last step neither ended its episode nor was malformed: the next one may continue it
    private float[] _rows = [];
    private RewardPrediction[] _predictions = [];
    private int[] _frameRow = [];
    private int[] _nextRow = [];
    private bool[] _starts = [];
    private long _quarantined;

    public TransitionRelabeller(RewardModel model, PotentialShaping shaping)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _shaping = shaping ?? throw new ArgumentNullException(nameof(shaping));
        _context = new RewardContext(model);
        _lastNextFrame = new float[model.StateSize];
    }

    /// <summary>Steps quarantined so far (no reward computed).</summary>
    public long Quarantined => _quarantined;

    /// <summary>S: values per frame.</summary>
    public int FrameSize => _model.StateSize;

    /// <summary>Forgets the stream: the next step starts a new segment.</summary>
    public void Reset() => _open = false;

    /// <summary>
    /// Relabels <paramref name="steps"/>, the stream's next consecutive steps, into <paramref name="results"/> (same
    /// length, same order). Returns how many got a reward; the others are <see cref="RelabelledStep.Quarantined"/>.
    /// </summary>
    public int Relabel(IReadOnlyList<RewardStep> steps, Span<RelabelledStep> results)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (results.Length != steps.Count)
        {
            throw new ArgumentException($"one result per step: {steps.Count} steps, room for {results.Length}", nameof(results));
        }

        var rows = BuildRows(steps);
        _model.PredictBatch(_rows.AsSpan(0, rows * _model.InputSize), _predictions.AsSpan(0, rows));
        var (previous, valid) = (_lastNext, 0);
        for (var i = 0; i < steps.Count; i++)
        {
            if (_frameRow[i] == Malformed)
            {
                results[i] = new RelabelledStep(float.NaN, RewardPrediction.Invalid, Quarantined: true, StartsSegment: true);
                _quarantined++;
                continue;
            }

            var before = _frameRow[i] == PreviousCall ? previous : _predictions[_frameRow[i]];
            var next = _predictions[_nextRow[i]];
            var shaped = float.NaN;
            var ok = before.IsValid && next.IsValid && _shaping.TryShape(steps[i].Reward, before.Progress, next.Progress, steps[i].Terminal, out shaped);
            results[i] = new RelabelledStep(ok ? shaped : float.NaN, next, !ok, _starts[i]);
            valid += ok ? 1 : 0;
            _quarantined += ok ? 0 : 1;
        }

        if (steps.Count > 0 && _frameRow[steps.Count - 1] != Malformed)
        {
            _lastNext = _predictions[_nextRow[steps.Count - 1]];
        }

        return valid;
    }

    // One input row per frame not scored yet, in stream order: s′ of every step, and s where a segment starts (a
    // continuing step's s is the previous s′, already scored).
    private int BuildRows(IReadOnlyList<RewardStep> steps)
    {
        Grow(steps.Count);
        var (rows, width, size) = (0, _model.InputSize, _model.StateSize);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Frame.Length != size || step.NextFrame.Length != size)
            {
                (_frameRow[i], _starts[i], _open) = (Malformed, true, false);
                continue;
            }

            _starts[i] = !_open || !step.Frame.Span.SequenceEqual(_lastNextFrame);
            if (_starts[i])
            {
                _context.Reset();
                _context.Push(step.Frame.Span);
                _context.Write(_rows.AsSpan(rows * width, width));
                _frameRow[i] = rows++;
            }
            else
            {
                _frameRow[i] = i == 0 ? PreviousCall : _nextRow[i - 1];
            }

            _context.Push(step.NextFrame.Span);
            _context.Write(_rows.AsSpan(rows * width, width));
            _nextRow[i] = rows++;
            step.NextFrame.Span.CopyTo(_lastNextFrame);
            _open = !step.EndsEpisode;
        }

        return rows;
    }

    private void Grow(int steps)
    {
        if (_frameRow.Length < steps)
        {
            (_frameRow, _nextRow, _starts) = (new int[steps], new int[steps], new bool[steps]);
            _predictions = new RewardPrediction[2 * steps];
            _rows = new float[2 * steps * _model.InputSize];
        }
    }
}
