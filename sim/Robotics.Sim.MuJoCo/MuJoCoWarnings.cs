namespace Robotics.Sim.MuJoCo;

/// <summary>
/// MuJoCo's warnings (a diverging simulation, a full contact buffer), kept instead of printed: the latest few and a
/// count, for logs and diagnostics.
/// </summary>
public static class MuJoCoWarnings
{
    private const int Kept = 16;
    private static readonly Queue<string> _latest = new();
    private static readonly Lock _lock = new();
    private static long _count;

    public static long Count => Interlocked.Read(ref _count);

    public static IReadOnlyList<string> Latest
    {
        get
        {
            lock (_lock)
            {
                return [.. _latest];
            }
        }
    }

    internal static void Add(string message)
    {
        Interlocked.Increment(ref _count);
        lock (_lock)
        {
            if (_latest.Count == Kept)
            {
                _latest.Dequeue();
            }

            _latest.Enqueue(message.Trim());
        }
    }
}
