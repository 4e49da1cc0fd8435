namespace Robotics.Middleware.Execution;

/// <summary>
/// A periodic callback run by the executor (rclcpp wall/ROS timers). Built on the node's <see cref="TimeProvider"/>,
/// so it follows fake time in tests and <c>/clock</c> under <c>use_sim_time</c>. Missed ticks coalesce into one call.
/// </summary>
public sealed class RosTimer : Executable, IDisposable
{
    private readonly Action _callback;
    private readonly ITimer _timer;
    private int _due;
    private int _canceled;
    private long _calls;

    internal RosTimer(TimeSpan period, Action callback, CallbackGroup group, TimeProvider time, string owner)
        : base(group, $"timer {period.TotalMilliseconds} ms of {owner}")
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "timer period must be positive");
        }

        Period = period;
        _callback = callback;
        // Wall-clock timers tick on a dedicated thread, not the thread pool (see TimerThread for the measurement).
        _timer = ReferenceEquals(time, TimeProvider.System)
            ? TimerThread.Create(OnTick, period)
            : time.CreateTimer(_ => OnTick(), null, period, period);
    }

    public TimeSpan Period { get; }

    public long CallCount => Interlocked.Read(ref _calls);

    public bool IsCanceled => Volatile.Read(ref _canceled) != 0;

    /// <summary>Stops the timer; a tick already due does not run (rclcpp semantics).</summary>
    public void Cancel()
    {
        Volatile.Write(ref _canceled, 1);
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref _due, 0);
    }

    public void Reset()
    {
        Volatile.Write(ref _due, 0);
        Volatile.Write(ref _canceled, 0);
        _timer.Change(Period, Period);
    }

    internal override bool TryExecuteOne()
    {
        if (Interlocked.Exchange(ref _due, 0) == 0 || IsCanceled)
        {
            return false;
        }

        Interlocked.Increment(ref _calls);
        _callback();
        return true;
    }

    private void OnTick()
    {
        Volatile.Write(ref _due, 1);
        NotifyReady();
    }

    public void Dispose() => _timer.Dispose();
}
