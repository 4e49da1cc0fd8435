namespace Robotics.Middleware.Execution;

/// <summary>
/// Runs the callbacks of the nodes added to it (rclcpp executors). One waiting signal for all entities; a pass runs
/// each ready entity up to its queue's worth before moving on, so one busy topic cannot starve the others.
/// Callback exceptions are reported through <see cref="CallbackFailed"/> and do not stop spinning.
/// </summary>
public abstract class Executor : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Node> _nodes = [];
    private Executable[] _entities = [];
    private long _callbackErrors;

    internal WorkSignal Signal { get; } = new();

    /// <summary>How many callbacks threw since the executor started.</summary>
    public long CallbackErrors => Interlocked.Read(ref _callbackErrors);

    /// <summary>Raised on the spinning thread when a callback throws.</summary>
    public event Action<Executable, Exception>? CallbackFailed;

    public void Add(Node node)
    {
        lock (_lock)
        {
            if (_nodes.Contains(node))
            {
                return;
            }

            node.AttachExecutor(this);
            _nodes.Add(node);
        }

        Refresh();
    }

    public void Remove(Node node)
    {
        lock (_lock)
        {
            if (!_nodes.Remove(node))
            {
                return;
            }

            node.AttachExecutor(null);
        }

        Refresh();
    }

    /// <summary>Spins until cancelled.</summary>
    public abstract void Spin(CancellationToken cancellationToken);

    /// <summary>Runs whatever is ready now, waiting up to <paramref name="timeout"/> for something to arrive.</summary>
    public bool SpinOnce(TimeSpan timeout)
    {
        Signal.PrepareWait();
        if (RunReady())
        {
            return true;
        }

        return Signal.Wait(timeout, CancellationToken.None) && RunReady();
    }

    /// <summary>Spins until <paramref name="done"/> is true or the timeout passes; returns whether it became true.</summary>
    public bool SpinUntil(Func<bool> done, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!done())
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }

            SpinOnce(TimeSpan.FromMilliseconds(Math.Min(left, 50)));
        }

        return true;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                foreach (var node in _nodes)
                {
                    node.AttachExecutor(null);
                }

                _nodes.Clear();
            }

            Signal.Dispose();
        }
    }

    internal void Refresh()
    {
        lock (_lock)
        {
            var entities = new List<Executable>();
            foreach (var node in _nodes)
            {
                entities.AddRange(node.Executables);
            }

            foreach (var entity in entities)
            {
                entity.Signal = Signal;
            }

            Volatile.Write(ref _entities, [.. entities]);
        }

        Signal.Notify();
    }

    /// <summary>One pass over every entity; returns whether anything ran. Safe to call from several threads.</summary>
    protected bool RunReady()
    {
        var any = false;
        foreach (var entity in Volatile.Read(ref _entities))
        {
            if (!entity.TryClaim())
            {
                continue;
            }

            var gate = entity.Group.Reentrant ? null : entity.Group.Gate;
            if (gate is not null && !gate.TryEnter())
            {
                entity.Release();
                continue;
            }

            try
            {
                // Bound the work per entity per pass (fairness), then move on.
                for (var i = 0; i < 64 && Run(entity); i++)
                {
                    any = true;
                }
            }
            finally
            {
                gate?.Exit();
                entity.Release();
            }
        }

        return any;
    }

    private bool Run(Executable entity)
    {
        try
        {
            return entity.TryExecuteOne();
        }
#pragma warning disable CA1031 // A user callback's failure must not kill the executor; it is reported instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _callbackErrors);
            CallbackFailed?.Invoke(entity, e);
            return true;
        }
    }
}
