namespace Robotics.Nodes.Policy;

/// <summary>
/// The thread the async mode's model runs on: one run at a time, beside the control rate. A thread of its own rather
/// than the thread pool, for the reason <c>TimerThread</c> gives: a pool busy with blocking work delays a queued item
/// without bound, and a chunk that arrives seconds late runs the queue dry (seen as a 20 s stall in a loaded test host).
/// </summary>
internal sealed class InferenceThread : IDisposable
{
    private readonly Thread _thread;
    private readonly object _signal = new();
    private readonly Action<Exception> _onFault;
    private Action? _work;
    private bool _stopping;

    /// <param name="name">The thread's name, for debuggers and dumps.</param>
    /// <param name="onFault">Told of an exception a run did not handle; the thread goes on with the next run.</param>
    public InferenceThread(string name, Action<Exception> onFault)
    {
        _onFault = onFault;
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>True from <see cref="Start"/> until that run has returned.</summary>
    public bool Busy
    {
        get
        {
            lock (_signal)
            {
                return _work is not null;
            }
        }
    }

    /// <summary>Starts <paramref name="work"/> on the thread; one run at a time (check <see cref="Busy"/> first).</summary>
    public void Start(Action work)
    {
        lock (_signal)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            if (_work is not null)
            {
                throw new InvalidOperationException("the model is still running its previous request");
            }

            _work = work;
            Monitor.PulseAll(_signal);
        }
    }

    /// <summary>Waits up to 5 s for the current run to end (a slow model), then lets the thread exit.</summary>
    public void Dispose()
    {
        lock (_signal)
        {
            _stopping = true;
            Monitor.PulseAll(_signal);
        }

        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Loop()
    {
        while (true)
        {
            Action work;
            lock (_signal)
            {
                while (_work is null && !_stopping)
                {
                    Monitor.Wait(_signal);
                }

                if (_stopping)
                {
                    return;
                }

                work = _work!;
            }

            try
            {
                work();
            }
#pragma warning disable CA1031 // The thread's last resort: a fault is reported to the node (tests fail on its log), never lost with the thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _onFault(e);
            }
            finally
            {
                lock (_signal)
                {
                    _work = null;
                }
            }
        }
    }
}
