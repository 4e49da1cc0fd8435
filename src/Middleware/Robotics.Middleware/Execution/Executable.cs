namespace Robotics.Middleware.Execution;

/// <summary>
/// Something an executor runs: a subscription, timer, service, or guard. Work arrives on other threads, which call
/// <see cref="NotifyReady"/>; the executor then calls <see cref="TryExecuteOne"/> on its own thread.
/// </summary>
public abstract class Executable
{
    private int _running;

    internal Executable(CallbackGroup group, string description)
    {
        Group = group;
        Description = description;
    }

    public CallbackGroup Group { get; }

    /// <summary>What this is, for error messages: <c>subscription /chatter of /talker</c>.</summary>
    public string Description { get; }

    internal WorkSignal? Signal { get; set; }

    /// <summary>Runs one unit of work (one sample, one timer tick); returns false when there was none.</summary>
    internal abstract bool TryExecuteOne();

    /// <summary>Claims the entity for one thread of a multi-threaded executor.</summary>
    internal bool TryClaim() => Interlocked.CompareExchange(ref _running, 1, 0) == 0;

    internal void Release() => Volatile.Write(ref _running, 0);

    protected void NotifyReady() => Signal?.Notify();
}
