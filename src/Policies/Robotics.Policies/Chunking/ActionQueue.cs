namespace Robotics.Policies.Chunking;

/// <summary>
/// Sync/async storage: the actions for ticks [Head, Tail), one per tick, in a ring indexed by tick mod capacity.
/// Every merged chunk covers the whole queue from its first usable tick on (observation ticks only grow and every
/// chunk gives the same number of actions), so the queue stays contiguous, never longer than one chunk, and every
/// queued action comes from (or was blended into) the newest chunk: one observation tick describes them all.
/// </summary>
internal sealed class ActionQueue
{
    private readonly float[] _actions;
    private readonly int _actionSize;
    private readonly int _capacity;

    public ActionQueue(int actionSize, int capacity)
    {
        _actionSize = actionSize;
        _capacity = capacity;
        _actions = new float[actionSize * capacity];
    }

    /// <summary>Tick of the first queued action.</summary>
    public long Head { get; private set; }

    /// <summary>One past the tick of the last queued action.</summary>
    public long Tail { get; private set; }

    /// <summary>Observation tick of the newest chunk, which every queued action comes from.</summary>
    public long ObservationTick { get; private set; } = -1;

    public int Depth(long tick) => (int)Math.Max(0, Tail - Math.Max(Head, tick));

    /// <summary>
    /// Merges the first <paramref name="count"/> actions of a chunk observed at <paramref name="observationTick"/>,
    /// from tick <paramref name="firstTick"/> on (earlier ticks are past). Queued actions before it are dropped;
    /// returns how many queued actions that dropped.
    /// </summary>
    public int Merge(long observationTick, ReadOnlySpan<float> chunk, int count, long firstTick, float oldWeight, float newWeight, bool blend)
    {
        var dropped = Expire(firstTick);
        var end = observationTick + count;
        for (var tick = firstTick; tick < end; tick++)
        {
            var source = chunk.Slice((int)(tick - observationTick) * _actionSize, _actionSize);
            var slot = Slot(tick);
            if (blend && tick >= Head && tick < Tail)
            {
                for (var j = 0; j < _actionSize; j++)
                {
                    slot[j] = (oldWeight * slot[j]) + (newWeight * source[j]);
                }
            }
            else
            {
                source.CopyTo(slot);
            }
        }

        (Head, Tail, ObservationTick) = (firstTick, end, observationTick);
        return dropped;
    }

    /// <summary>Copies the action for <paramref name="tick"/> and removes it with everything before it; false when none.</summary>
    public bool TryTake(long tick, Span<float> action, out int dropped)
    {
        dropped = Expire(tick);
        // Head > tick cannot happen through ChunkScheduler (ticks never go back before a chunk's nowTick); kept so
        // that the queue itself never hands out an action meant for another tick.
        if (Head != tick || Head >= Tail)
        {
            return false;
        }

        Slot(tick).CopyTo(action);
        Head = tick + 1;
        return true;
    }

    public void Clear() => (Head, Tail, ObservationTick) = (0, 0, -1);

    /// <summary>Drops actions meant for ticks before <paramref name="tick"/>; returns how many.</summary>
    private int Expire(long tick)
    {
        if (tick <= Head)
        {
            return 0;
        }

        var dropped = (int)Math.Max(0, Math.Min(Tail, tick) - Head);
        Head = tick;
        Tail = Math.Max(Tail, tick); // empty and behind: both ends move, so the next merge starts a contiguous queue
        return dropped;
    }

    private Span<float> Slot(long tick) =>
        _actions.AsSpan((int)(((tick % _capacity) + _capacity) % _capacity) * _actionSize, _actionSize);
}
