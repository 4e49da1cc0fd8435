namespace Robotics.Policies.Rewards;

/// <summary>How a reward-model input row is built from an episode's frames, shared by training and scoring.</summary>
internal static class RewardInputs
{
    /// <summary>
    /// Writes the C frames of the context of <paramref name="position"/> ([C, S], current first, then every
    /// <paramref name="stride"/>-th earlier position, the first frame repeating before the start) into
    /// <paramref name="destination"/>. Positions past <paramref name="turn"/> run back from it (a rewound sequence:
    /// position turn + u is frame turn − u); the default turn is a plain forward episode.
    /// </summary>
    public static void Context(ReadOnlySpan<float> states, int stateSize, int position, int frames, int stride, Span<float> destination, int turn = int.MaxValue)
    {
        for (var c = 0; c < frames; c++)
        {
            var at = Math.Max(0, position - (c * stride));
            var frame = at <= turn ? at : (2 * turn) - at;
            states.Slice(frame * stateSize, stateSize).CopyTo(destination.Slice(c * stateSize, stateSize));
        }
    }

    public static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
