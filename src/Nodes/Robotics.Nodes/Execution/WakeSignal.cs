namespace Robotics.Nodes.Execution;

/// <summary>
/// Wakes a node's worker thread (a learner, a reward model) when a callback has queued work, and tells it to stop.
/// Monitor wait/pulse on a plain object: nothing to dispose while a late callback may still call <see cref="Set"/>.
/// </summary>
internal sealed class WakeSignal
{
    private readonly object _gate = new();
    private bool _signalled;
    private volatile bool _stopping;

    /// <summary>True once <see cref="Stop"/> was called: the worker finishes its pass and returns.</summary>
    public bool Stopping => _stopping;

    /// <summary>There is work: the next (or current) <see cref="Wait"/> returns.</summary>
    public void Set()
    {
        lock (_gate)
        {
            _signalled = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The worker must stop: every <see cref="Wait"/> returns at once, now and later.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Blocks until <see cref="Set"/> or <see cref="Stop"/>, and consumes the signal.</summary>
    public void Wait()
    {
        lock (_gate)
        {
            while (!_signalled && !_stopping)
            {
                Monitor.Wait(_gate);
            }

            _signalled = false;
        }
    }
}
