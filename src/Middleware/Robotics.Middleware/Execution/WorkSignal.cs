namespace Robotics.Middleware.Execution;

/// <summary>
/// Wakes an executor when any of its entities has work. Notify is one interlocked exchange while the executor is
/// already awake, so publishers at high rates do not pay a kernel call per sample.
/// </summary>
internal sealed class WorkSignal : IDisposable
{
    private readonly ManualResetEventSlim _event = new(false, spinCount: 50);
    private int _pending;

    public void Notify()
    {
        // Read first: while the executor is already notified this stays a shared cache line, not a write.
        if (Volatile.Read(ref _pending) == 0 && Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _event.Set();
        }
    }

    /// <summary>Call before scanning for work: a Notify that lands during the scan wakes the next Wait.</summary>
    public void PrepareWait()
    {
        _event.Reset();
        Interlocked.Exchange(ref _pending, 0);
    }

    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return _event.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _event.Dispose();
}
