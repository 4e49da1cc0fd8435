using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Topics;

/// <summary>
/// Keep-last ring of (sample, info): a full queue drops its oldest sample (counted), never blocks the writer.
/// Preallocated, so steady-state delivery allocates nothing.
/// </summary>
internal sealed class SampleQueue<T>(int capacity)
    where T : class
{
    private readonly T?[] _samples = new T?[capacity];
    private readonly MessageInfo[] _infos = new MessageInfo[capacity];
    private readonly Lock _lock = new();
    private int _head;
    private int _count;
    private long _dropped;
    private long _enqueued;

    public int Count => Volatile.Read(ref _count);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Every sample ever offered to the queue (delivered or dropped).</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    public void Enqueue(T sample, in MessageInfo info)
    {
        lock (_lock)
        {
            _enqueued++;
            var tail = Wrap(_head + _count);
            if (_count == _samples.Length)
            {
                // Keep-last: the newest sample wins, the oldest is dropped (DDS KEEP_LAST semantics).
                _head = Wrap(_head + 1);
                _dropped++;
            }
            else
            {
                _count++;
            }

            _samples[tail] = sample;
            _infos[tail] = info;
        }
    }

    public bool TryDequeue(out T sample, out MessageInfo info)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                sample = null!;
                info = default;
                return false;
            }

            sample = _samples[_head]!;
            info = _infos[_head];
            _samples[_head] = null;
            _head = Wrap(_head + 1);
            _count--;
            return true;
        }
    }

    // A compare instead of '%': an integer division is ~25 cycles, twice per sample on the hot path.
    private int Wrap(int index) => index >= _samples.Length ? index - _samples.Length : index;
}
