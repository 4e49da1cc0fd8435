namespace Robotics.Safety;

/// <summary>
/// Period error of the control loop (actual − nominal period, µs) in a fixed 1 µs histogram up to 20 ms: percentiles
/// without allocating or sorting on the loop thread (T5). Overruns are ticks that started a whole period late.
/// </summary>
public sealed class LoopStatistics
{
    private const int Buckets = 20_000;
    private readonly long[] _histogram = new long[Buckets + 1];
    private long _count;

    public long Ticks => Volatile.Read(ref _count);

    public long Overruns { get; private set; }

    /// <summary>Largest |period error| seen, µs.</summary>
    public double MaxErrorMicroseconds { get; private set; }

    public void Add(double periodErrorMicroseconds, bool overrun)
    {
        var magnitude = Math.Abs(periodErrorMicroseconds);
        _histogram[Math.Min(Buckets, (int)magnitude)]++;
        MaxErrorMicroseconds = Math.Max(MaxErrorMicroseconds, magnitude);
        Overruns += overrun ? 1 : 0;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>The |period error| below which <paramref name="fraction"/> of ticks fall, µs (bucket upper edge).</summary>
    public double Percentile(double fraction)
    {
        var count = Ticks;
        if (count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(fraction * count);
        long seen = 0;
        for (var i = 0; i <= Buckets; i++)
        {
            seen += _histogram[i];
            if (seen >= rank)
            {
                return i + 1;
            }
        }

        return Buckets;
    }

    public void Reset()
    {
        Array.Clear(_histogram);
        (_count, Overruns, MaxErrorMicroseconds) = (0, 0, 0);
    }
}
