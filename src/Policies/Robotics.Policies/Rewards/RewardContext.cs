namespace Robotics.Policies.Rewards;

/// <summary>
/// A reward model's input built one frame at a time, for scoring live (a control loop, a node) rather than a whole
/// recorded episode: it keeps the last (C − 1)·stride + 1 frames of the current episode and writes the same [C, S]
/// context <see cref="RewardModel.PredictEpisode"/> builds — current frame first, then every stride-th earlier one,
/// the episode's first frame standing in before the start.
/// </summary>
public sealed class RewardContext
{
    private readonly float[] _ring;
    private readonly int _stateSize;
    private readonly int _frames;
    private readonly int _stride;
    private readonly int _span;
    private readonly float[] _first;
    private int _count;

    public RewardContext(RewardModel model)
        : this(model?.StateSize ?? throw new ArgumentNullException(nameof(model)), model.ContextFrames, model.ContextStride)
    {
    }

    public RewardContext(int stateSize, int frames, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        (_stateSize, _frames, _stride) = (stateSize, frames, stride);
        _span = ((frames - 1) * stride) + 1;
        _ring = new float[_span * stateSize];
        _first = new float[stateSize];
    }

    /// <summary>Frames pushed since the last <see cref="Reset"/>.</summary>
    public int Count => _count;

    /// <summary>Width of the input <see cref="Write"/> fills: C·S.</summary>
    public int InputSize => _frames * _stateSize;

    /// <summary>A new episode: the frames before it are forgotten.</summary>
    public void Reset() => _count = 0;

    /// <summary>Appends the episode's next frame (S raw values, as the model was trained on).</summary>
    public void Push(ReadOnlySpan<float> frame)
    {
        if (frame.Length != _stateSize)
        {
            throw new ArgumentException($"a frame is {_stateSize} values; got {frame.Length}", nameof(frame));
        }

        if (_count == 0)
        {
            frame.CopyTo(_first);
        }

        frame.CopyTo(_ring.AsSpan(_count % _span * _stateSize, _stateSize));
        _count++;
    }

    /// <summary>Writes the context of the latest frame into <paramref name="input"/> (C·S values).</summary>
    public void Write(Span<float> input)
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("push the episode's first frame before asking for its context");
        }

        if (input.Length != InputSize)
        {
            throw new ArgumentException($"the context is {InputSize} values; got {input.Length}", nameof(input));
        }

        var latest = _count - 1;
        for (var c = 0; c < _frames; c++)
        {
            var at = latest - (c * _stride);
            ReadOnlySpan<float> frame = at < 0 ? _first : _ring.AsSpan(at % _span * _stateSize, _stateSize);
            frame.CopyTo(input.Slice(c * _stateSize, _stateSize));
        }
    }
}
