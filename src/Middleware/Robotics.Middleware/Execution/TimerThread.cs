using System.Diagnostics;

namespace Robotics.Middleware.Execution;

/// <summary>
/// Wall-clock timers for <see cref="RosTimer"/> on one dedicated thread, instead of .NET's timer queue, whose
/// callbacks run on the thread pool. A pool busy with blocking work delays those callbacks without bound: measured on
/// this 2-core VM inside the test host, a 50 ms <c>System.Threading.Timer</c> fired 15 times in 2 s (goal 40), and a
/// 20 Hz trajectory controller starved the supervisor's 1 s command watchdog. Here a tick only marks the executable
/// due and wakes its executor, so one thread serves every timer of the process and is never blocked by user code.
/// Fake and <c>/clock</c> time keep their own timers (they fire inside <c>Advance</c>).
/// </summary>
internal static class TimerThread
{
    private static readonly Lock _lock = new();
    private static readonly PriorityQueue<Entry, long> _queue = new();
    private static readonly AutoResetEvent _wake = new(false);
    private static Thread? _thread;

    public static ITimer Create(Action tick, TimeSpan period)
    {
        var entry = new Entry(tick);
        entry.Change(period, period);
        return entry;
    }

    private static void Schedule(Entry entry, long due)
    {
        lock (_lock)
        {
            _queue.Enqueue(entry, due);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "ros-timers", Priority = ThreadPriority.AboveNormal };
                _thread.Start();
            }
        }

        _wake.Set();
    }

    private static void Run()
    {
        while (true)
        {
            Entry? fire = null;
            var wait = 0; // after a stale entry: look again at once
            lock (_lock)
            {
                if (!_queue.TryPeek(out var entry, out var due))
                {
                    wait = Timeout.Infinite;
                }
                else
                {
                    var now = Stopwatch.GetTimestamp();
                    if (due <= now)
                    {
                        _queue.Dequeue();
                        fire = entry.TakeIfCurrent(due, now);
                    }
                    else
                    {
                        // Round up so we never wake a hair early and spin; 1 ms is the wait's own granularity.
                        wait = (int)Math.Min(int.MaxValue, Math.Ceiling(Stopwatch.GetElapsedTime(now, due).TotalMilliseconds));
                    }
                }
            }

            if (fire is not null)
            {
                fire.Fire();
            }
            else if (wait != 0)
            {
                _wake.WaitOne(wait);
            }
        }
    }

    /// <summary>One timer. Changing or disposing it bumps its generation, so entries already queued fall away.</summary>
    private sealed class Entry(Action tick) : ITimer
    {
        private long _period;   // Stopwatch ticks; 0 = one-shot
        private long _due;      // the live schedule; 0 = stopped
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long due;
            lock (_lock)
            {
                if (_disposed)
                {
                    return false;
                }

                _period = period == Timeout.InfiniteTimeSpan ? 0 : ToTicks(period);
                _due = dueTime == Timeout.InfiniteTimeSpan ? 0 : Stopwatch.GetTimestamp() + ToTicks(dueTime);
                due = _due;
            }

            if (due != 0)
            {
                Schedule(this, due);
            }

            return true;
        }

        /// <summary>Under the lock: whether this queued entry is the live one, and if periodic, queue the next tick.</summary>
        public Entry? TakeIfCurrent(long due, long now)
        {
            if (_disposed || due != _due)
            {
                return null;
            }

            if (_period == 0)
            {
                _due = 0;
                return this;
            }

            // Ticks missed while late are skipped (RosTimer coalesces them anyway); the phase is kept.
            var next = due + _period;
            if (next <= now)
            {
                next += ((now - next) / _period + 1) * _period;
            }

            _due = next;
            _queue.Enqueue(this, next);
            return this;
        }

        public void Fire() => tick();

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
                _due = 0;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static long ToTicks(TimeSpan span) => Math.Max(1, (long)(span.TotalSeconds * Stopwatch.Frequency));
    }
}
