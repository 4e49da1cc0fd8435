using System.Diagnostics;
using Robotics.Middleware.Hardware;
using Robotics.Middleware.Time;

namespace Robotics.Safety;

/// <summary>
/// read → supervise → write at a fixed rate on its own thread (ARCHITECTURE.md "Threads and time"). It owns the
/// hardware component: nothing else can write to it, so every command passes the supervisor. Sources and operators
/// call <see cref="Submit"/> and <see cref="Request"/> from any thread; a lock serializes them with the tick (held a
/// few µs). The tick allocates nothing. Tests drive <see cref="Step"/> on fake time instead of starting the thread.
/// </summary>
public sealed class ControlLoop : IDisposable
{
    private readonly IHardwareComponent _hardware;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly double[] _position;
    private readonly double[] _velocity;
    private readonly DecisionSnapshot _snapshot;
    private readonly long _periodTicks;
    private Thread? _thread;
    private volatile bool _running;
    private long _lastStampNs;
    private long _lastStartTicks;
    private long _tick;

    public ControlLoop(IHardwareComponent hardware, SafetySupervisor supervisor, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        ArgumentNullException.ThrowIfNull(supervisor);
        var names = supervisor.Joints.Select(j => j.Name).ToList();
        if (!names.SequenceEqual(hardware.JointNames))
        {
            throw new ArgumentException($"the safety configuration's joints ({string.Join(", ", names)}) must be the hardware's, in the same order ({string.Join(", ", hardware.JointNames)})", nameof(supervisor));
        }

        (_hardware, Supervisor, _time) = (hardware, supervisor, time ?? TimeProvider.System);
        _position = new double[names.Count];
        _velocity = new double[names.Count];
        _snapshot = new DecisionSnapshot(names);
        _periodTicks = (long)(supervisor.Config.Period.TotalSeconds * Stopwatch.Frequency);
    }

    public SafetySupervisor Supervisor { get; }

    /// <summary>Period error and overruns of the threaded loop (empty when driven by <see cref="Step"/>).</summary>
    public LoopStatistics Statistics { get; } = new();

    /// <summary>Ticks run so far.</summary>
    public long TickCount => Interlocked.Read(ref _tick);

    /// <summary>Thread-safe: offers a command to the supervisor (see <see cref="SafetySupervisor.Submit"/>).</summary>
    public SafetyReason Submit(CommandSource source, ulong sequence, long observationStampNs, ReadOnlySpan<string> joints, ReadOnlySpan<double> position, ReadOnlySpan<double> residual, bool intervention)
    {
        lock (_lock)
        {
            return Supervisor.Submit(source, sequence, observationStampNs, joints, position, residual, intervention, Now());
        }
    }

    /// <summary>Thread-safe: a state change; stops take effect at the very next tick (T2).</summary>
    public EventResult Request(SupervisorEvent request, Principal by, StopCategory category = StopCategory.Cat2)
    {
        lock (_lock)
        {
            return Supervisor.Request(request, by, Now(), category);
        }
    }

    /// <summary>Copies the latest decision (for status topics and recording) under the loop's lock.</summary>
    public void CopyLatest(DecisionSnapshot into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_lock)
        {
            _snapshot.CopyTo(into);
        }
    }

    /// <summary>One read → supervise → write cycle, now.</summary>
    public void Step()
    {
        var read = _hardware.Read(_position, _velocity, out var stampNs);
        lock (_lock)
        {
            // A failed read keeps the old stamp, so the supervisor sees the data age (stale → lost → FAULT).
            _lastStampNs = read ? stampNs : _lastStampNs;
            var decision = Supervisor.Tick(Now(), _position, _lastStampNs);
            switch (decision.Mode)
            {
                case OutputMode.Track or OutputMode.Hold or OutputMode.Stopping:
                    _hardware.WritePosition(decision.Sent, decision.SentVelocity);
                    break;
                default:
                    _hardware.DisableTorque();
                    break;
            }

            _snapshot.CopyFrom(decision, _position, ++_tick);
        }
    }

    /// <summary>Runs the loop on a dedicated thread until <see cref="Stop"/> (or Dispose).</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            return;
        }

        // Process-wide: no blocking full collections while the loop runs; a GC pause stops this thread too (T5).
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        _running = true;
        _thread = new Thread(Run) { IsBackground = true, Name = "control-loop", Priority = ThreadPriority.Highest };
        _thread.Start();
    }

    /// <summary>Ends the loop after a category 1 stop (SAFETY.md I35: shutdown is a controlled stop).</summary>
    public void Stop()
    {
        if (_thread is null)
        {
            return;
        }

        Request(SupervisorEvent.Stop, Principal.Operator, StopCategory.Cat1);
        var deadline = Environment.TickCount64 + 2000;
        while (Supervisor.State == SupervisorState.Stopping && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(5);
        }

        _running = false;
        _thread.Join();
        _thread = null;
        _hardware.DisableTorque();
    }

    public void Dispose()
    {
        Stop();
        _hardware.Dispose();
    }

    private void Run()
    {
        var next = Stopwatch.GetTimestamp();
        while (_running)
        {
            var start = Stopwatch.GetTimestamp();
            if (_lastStartTicks != 0)
            {
                var errorUs = (start - _lastStartTicks - _periodTicks) * 1e6 / Stopwatch.Frequency;
                Statistics.Add(errorUs, start - next > _periodTicks);
            }

            _lastStartTicks = start;
            Step();
            next += _periodTicks;
            if (Stopwatch.GetTimestamp() > next + _periodTicks)
            {
                next = Stopwatch.GetTimestamp(); // fell a whole period behind: restart the schedule, do not burst
            }

            WaitUntil(next);
        }
    }

    /// <summary>
    /// Sleeps while more than 1.2 ms remain (Thread.Sleep(1) returns after 1.05–1.1 ms on Linux), then spins to the
    /// deadline: at most about a millisecond of spinning per period, which matters on a 2-core machine.
    /// </summary>
    private static void WaitUntil(long deadline)
    {
        var sleepAbove = Stopwatch.Frequency * 12 / 10_000;
        while (deadline - Stopwatch.GetTimestamp() > sleepAbove)
        {
            Thread.Sleep(1);
        }

        while (Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(20);
        }
    }

    private long Now() => RosTime.NowNanoseconds(_time);
}
