namespace Robotics.Safety;

/// <summary>
/// I33: a preallocated single-producer / single-consumer ring of <see cref="DecisionRecord"/>s. The control loop
/// writes one per tick and never waits: when the consumer falls behind, the oldest records are overwritten, and the
/// consumer counts them as dropped (telemetry may be lost; safety events go elsewhere and never are). Each slot
/// carries the number of the record in it (a seqlock): the consumer copies a record out, then checks that number
/// again, so a record overwritten while it was being read is counted as dropped instead of being returned torn.
/// </summary>
public sealed class DecisionRing
{
    private const long Writing = -1;
    private readonly DecisionRecord[] _slots;
    private readonly long[] _numbers;
    private readonly DecisionRecord _scratch;
    private long _written;
    private long _read;
    private long _dropped;

    public DecisionRing(int capacity, int joints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _slots = new DecisionRecord[capacity];
        _numbers = new long[capacity];
        for (var i = 0; i < capacity; i++)
        {
            (_slots[i], _numbers[i]) = (new DecisionRecord(joints), Writing);
        }

        _scratch = new DecisionRecord(joints);
    }

    public int Capacity => _slots.Length;

    /// <summary>
    /// Test seam: runs on the consumer between its first check of a slot and the copy, so a test can overwrite the
    /// slot right there, the race a real producer wins only now and then.
    /// </summary>
    internal Action? BeforeCopyForTest { get; set; }

    /// <summary>Records written so far.</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Records lost to overflow so far: counted ones plus those already overwritten and not yet drained.</summary>
    public long Dropped => Interlocked.Read(ref _dropped) + Math.Max(0, Written - Volatile.Read(ref _read) - _slots.Length);

    /// <summary>Producer (the loop thread only): records one decision. Never blocks, never allocates.</summary>
    public void Write(Decision decision, long tick, long durationNs)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var n = _written;
        var i = (int)(n % _slots.Length);
        // Mark the slot as being written before touching it (a full fence: the mark is seen before any new data).
        Interlocked.Exchange(ref _numbers[i], Writing);
        _slots[i].CopyFrom(decision, tick, durationNs);
        Volatile.Write(ref _numbers[i], n);
        Volatile.Write(ref _written, n + 1);
    }

    /// <summary>Consumer (one thread): copies up to <c>into.Length</c> records, oldest first, into caller-owned records.</summary>
    public int Drain(Span<DecisionRecord> into)
    {
        var count = 0;
        var (read, written) = Start();
        for (; read < written && count < into.Length; read++)
        {
            ArgumentNullException.ThrowIfNull(into[count], nameof(into));
            count += TryRead(read, into[count]) ? 1 : 0;
        }

        Volatile.Write(ref _read, read);
        return count;
    }

    /// <summary>
    /// Consumer (one thread): hands up to <paramref name="max"/> records, oldest first, to <paramref name="onRecord"/>.
    /// The record passed is reused: copy what you keep.
    /// </summary>
    public int Drain(Action<DecisionRecord> onRecord, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(onRecord);
        var count = 0;
        var (read, written) = Start();
        for (; read < written && count < max; read++)
        {
            if (TryRead(read, _scratch))
            {
                onRecord(_scratch);
                count++;
            }
        }

        Volatile.Write(ref _read, read);
        return count;
    }

    /// <summary>Skips (and counts) the records already overwritten since the last drain.</summary>
    private (long Read, long Written) Start()
    {
        var written = Volatile.Read(ref _written);
        var read = _read;
        if (written - read > _slots.Length)
        {
            // Move past them before counting them, so Dropped never counts them twice meanwhile.
            Volatile.Write(ref _read, written - _slots.Length);
            Interlocked.Add(ref _dropped, written - read - _slots.Length);
            read = written - _slots.Length;
        }

        return (read, written);
    }

    private bool TryRead(long n, DecisionRecord into)
    {
        var i = (int)(n % _slots.Length);
        if (Volatile.Read(ref _numbers[i]) != n)
        {
            Interlocked.Increment(ref _dropped); // overwritten (or being overwritten) before we got to it
            return false;
        }

        BeforeCopyForTest?.Invoke();
        _slots[i].CopyTo(into);
        Interlocked.MemoryBarrier(); // the copy's reads complete before the number is read again
        if (Volatile.Read(ref _numbers[i]) == n)
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }
}
