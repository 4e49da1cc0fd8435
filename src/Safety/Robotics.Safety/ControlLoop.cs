using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Robotics.Middleware.Hardware;
using Robotics.Middleware.Time;

namespace Robotics.Safety;

/// <summary>
/// read → supervise → write at a fixed rate on its own thread (ARCHITECTURE.md "Threads and time"). It owns the
/// hardware component: nothing else can write to it, so every command passes the supervisor. Sources and operators
/// call <see cref="Submit"/> and <see cref="Request"/> from any thread; they land in an inbox that the loop drains at
/// the start of each tick. The loop thread never waits for another thread: it only <i>tries</i> the inbox and snapshot
/// locks (a busy inbox waits one tick), because a normal-priority thread preempted while holding a lock the real-time
/// loop needs is a priority inversion (seen here: 1 kHz overruns). The tick allocates nothing. Tests drive
/// <see cref="Step"/> on fake time instead of starting the thread. Every tick's decision goes into a lock-free ring that
/// a recorder drains from another thread (<see cref="DrainDecisions(Span{DecisionRecord})"/>; on overflow the oldest
/// are dropped and counted), every state change into a queue that is never dropped (<see cref="TryTakeSafetyEvent"/>).
/// </summary>
public sealed class ControlLoop : IDisposable
{
    private readonly IHardwareComponent _hardware;
    private readonly TimeProvider _time;
    private readonly Lock _inbox = new();
    private readonly Lock _snapshotLock = new();
    private readonly PendingCommand?[] _pending = new PendingCommand?[Enum.GetValues<CommandSource>().Length];
    private readonly Queue<PendingEvent> _events = new();
    private readonly double[] _position;
    private readonly double[] _velocity;
    private readonly double[] _effort;
    private readonly DecisionSnapshot _snapshot;
    private readonly DecisionRing _decisions;
    private readonly ConcurrentQueue<Transition> _safetyEvents = new();
    private readonly long _periodTicks;
    private readonly Func<string?>? _threadSetup;
    private readonly Action<long>? _sleepUntil;
    private Thread? _thread;
    private volatile bool _running;
    private long _lastStampNs;
    private long _lastStartTicks;
    private long _tick;
    private long _rejected;
    private int _transitionsForwarded;

    /// <param name="threadSetup">
    /// Runs first on the loop thread, from the composition root: e.g. real-time scheduling from the libc edge. Returns
    /// null on success or why it could not (logged by the caller through <see cref="ThreadSetupProblem"/>).
    /// </param>
    /// <param name="sleepUntil">
    /// A precise absolute sleep to a Stopwatch timestamp from the platform edge (clock_nanosleep); without it the loop
    /// sleeps in 1 ms steps and spins the rest of each period.
    /// </param>
    /// <param name="decisionCapacity">
    /// Records the decision ring holds (I33): 1024 is about 2 s at 500 Hz, twenty times the 100 ms batch a recorder takes.
    /// </param>
    public ControlLoop(IHardwareComponent hardware, SafetySupervisor supervisor, TimeProvider? time = null, Func<string?>? threadSetup = null, Action<long>? sleepUntil = null, int decisionCapacity = 1024)
    {
        (_threadSetup, _sleepUntil) = (threadSetup, sleepUntil);
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
        _effort = new double[names.Count];
        _snapshot = new DecisionSnapshot(names);
        _decisions = new DecisionRing(decisionCapacity, names.Count);
        _periodTicks = (long)(supervisor.Config.Period.TotalSeconds * Stopwatch.Frequency);
    }

    public SafetySupervisor Supervisor { get; }

    /// <summary>Period error and overruns of the threaded loop (empty when driven by <see cref="Step"/>).</summary>
    public LoopStatistics Statistics { get; } = new();

    /// <summary>What the thread setup reported (null: it succeeded or there was none).</summary>
    public string? ThreadSetupProblem { get; private set; }

    /// <summary>The last exception a cycle threw (an unplugged adapter, say); the loop then faults and keeps running.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Ticks run so far.</summary>
    public long TickCount => Interlocked.Read(ref _tick);

    /// <summary>Commands the supervisor rejected so far, and the latest rejection (for logs and diagnostics).</summary>
    public long RejectedCommands => Interlocked.Read(ref _rejected);

    public (CommandSource Source, ulong Sequence, SafetyReason Reasons) LastRejection { get; private set; }

    /// <summary>Tick records lost because the consumer fell more than the ring's capacity behind (I33: counted, never blocking).</summary>
    public long DroppedDecisions => _decisions.Dropped;

    /// <summary>
    /// Thread-safe for one consumer: copies the oldest undrained tick records into <paramref name="into"/> (records
    /// created once with the joint count) and returns how many. Never blocks the loop.
    /// </summary>
    public int DrainDecisions(Span<DecisionRecord> into) => _decisions.Drain(into);

    /// <summary>One consumer: hands up to <paramref name="max"/> tick records to <paramref name="onRecord"/> (a reused record: copy what you keep).</summary>
    public int DrainDecisions(Action<DecisionRecord> onRecord, int max = int.MaxValue) => _decisions.Drain(onRecord, max);

    /// <summary>
    /// Thread-safe: the oldest state change not yet taken (safety events, I33). Never dropped: the queue grows instead,
    /// which is bounded in practice because state changes are rare and need an operator to repeat.
    /// </summary>
    public bool TryTakeSafetyEvent([NotNullWhen(true)] out Transition? transition) => _safetyEvents.TryDequeue(out transition);

    /// <summary>
    /// Thread-safe: offers a source's command; the next tick hands it to <see cref="SafetySupervisor.Submit"/>. The
    /// arrays are kept, not copied (messages are immutable once published): do not change them afterwards. A newer
    /// command of the same source replaces one not yet taken.
    /// </summary>
    public void Submit(CommandSource source, ulong sequence, long observationStampNs, string[] joints, double[] position, double[] residual, bool intervention)
    {
        var command = new PendingCommand(sequence, observationStampNs, joints, position, residual, intervention);
        lock (_inbox)
        {
            _pending[(int)source] = command;
        }
    }

    /// <summary>
    /// Thread-safe: a state change, applied at the start of the next tick (stops therefore land within one period, T2);
    /// waits up to a second for the answer. Without the loop thread (tests) it applies at once.
    /// </summary>
    public EventResult Request(SupervisorEvent request, Principal by, StopCategory category = StopCategory.Cat2) =>
        Post(new PendingEvent(request, by, category, null), request.ToString());

    /// <summary>Thread-safe: <see cref="SafetySupervisor.Reconfigure"/> on the loop thread at the next tick (I35).</summary>
    public EventResult Reconfigure(SafetyConfig config, Principal by)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Post(new PendingEvent(SupervisorEvent.Stop, by, StopCategory.Cat2, config), "the new limits");
    }

    private EventResult Post(PendingEvent pending, string what)
    {
        lock (_inbox)
        {
            if (_thread is null)
            {
                var result = Apply(pending, Now());
                ForwardSafetyEvents();
                return result;
            }

            _events.Enqueue(pending);
        }

        return pending.Answer.Task.Wait(TimeSpan.FromSeconds(1))
            ? pending.Answer.Task.Result
            : EventResult.Refused($"the control loop did not take {what} within 1 s (is it running?)");
    }

    /// <summary>Copies the latest decision (for status topics and recording).</summary>
    public void CopyLatest(DecisionSnapshot into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_snapshotLock)
        {
            _snapshot.CopyTo(into);
        }
    }

    /// <summary>One read → supervise → write cycle, now.</summary>
    public void Step()
    {
        var started = Stopwatch.GetTimestamp();
        var read = _hardware.Read(_position, _velocity, out var stampNs);
        var hasEffort = read && _hardware.ReadEffort(_effort);
        var now = Now();
        if (_inbox.TryEnter())
        {
            try
            {
                DrainInbox(now);
            }
            finally
            {
                _inbox.Exit();
            }
        }

        if (_hardware.Fault is { } fault)
        {
            Supervisor.ReportHardwareFault(fault, now);
        }

        if (read)
        {
            Supervisor.ReportReadSuccess();
        }
        else
        {
            Supervisor.ReportReadFailure(now);
        }

        // A failed read keeps the old stamp, so the supervisor sees the data age (stale → lost → FAULT).
        _lastStampNs = read ? stampNs : _lastStampNs;
        // B7: effort is checked only when the hardware measures it this tick (a failed read measured nothing).
        var decision = Supervisor.Tick(now, _position, _lastStampNs, hasEffort ? _effort : []);
        switch (decision.Mode)
        {
            case OutputMode.Track or OutputMode.Hold or OutputMode.Stopping:
                _hardware.WritePosition(decision.Sent, decision.SentVelocity);
                break;
            default:
                _hardware.DisableTorque();
                break;
        }

        var tick = Interlocked.Increment(ref _tick);
        _decisions.Write(decision, tick, (long)Stopwatch.GetElapsedTime(started).TotalNanoseconds);
        ForwardSafetyEvents();
        if (_snapshotLock.TryEnter())
        {
            try
            {
                _snapshot.CopyFrom(decision, _position, tick);
            }
            finally
            {
                _snapshotLock.Exit();
            }
        }
    }

    // A latched device fault must be cleared at the device before the arm may be armed again (SAFETY.md H30).
    private EventResult Apply(PendingEvent e, long now) =>
        e.Config is { } config ? Supervisor.Reconfigure(config, e.By, now)
        : e.Request is SupervisorEvent.Arm or SupervisorEvent.Reset && _hardware.Fault is { } fault
            ? EventResult.Refused($"the hardware reports a fault: {fault}. ARM again once it is cleared")
            : Supervisor.Request(e.Request, e.By, now, e.Category);

    // I33: state changes leave the loop through their own queue, never the droppable telemetry ring. Only new
    // transitions are touched, so a tick without one allocates nothing.
    private void ForwardSafetyEvents()
    {
        var transitions = Supervisor.Transitions;
        for (; _transitionsForwarded < transitions.Count; _transitionsForwarded++)
        {
            _safetyEvents.Enqueue(transitions[_transitionsForwarded]);
        }
    }

    private void DrainInbox(long now)
    {
        while (_events.TryDequeue(out var pending))
        {
            pending.Answer.TrySetResult(Apply(pending, now));
        }

        for (var s = 0; s < _pending.Length; s++)
        {
            if (_pending[s] is not { } c)
            {
                continue;
            }

            _pending[s] = null;
            var reasons = Supervisor.Submit((CommandSource)s, c.Sequence, c.ObservationStampNs, c.Joints, c.Position, c.Residual, c.Intervention, now);
            if (reasons != SafetyReason.None)
            {
                LastRejection = ((CommandSource)s, c.Sequence, reasons);
                Interlocked.Increment(ref _rejected);
            }
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
        ThreadSetupProblem = _threadSetup?.Invoke();
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
            try
            {
                Step();
            }
#pragma warning disable CA1031 // The loop must outlive a failing device (an unplugged adapter throws): it faults and goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LastError = e;
                Supervisor.ReportHardwareFault($"the control cycle failed: {e.GetType().Name}: {e.Message}", Now());
                ForwardSafetyEvents(); // a cycle that keeps throwing must not hold the fault's event back (I33)
            }

            next += _periodTicks;
            if (Stopwatch.GetTimestamp() > next + _periodTicks)
            {
                next = Stopwatch.GetTimestamp(); // fell a whole period behind: restart the schedule, do not burst
            }

            if (_sleepUntil is { } sleep)
            {
                sleep(next);
            }
            else
            {
                WaitUntil(next);
            }
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

    private sealed record PendingCommand(ulong Sequence, long ObservationStampNs, string[] Joints, double[] Position, double[] Residual, bool Intervention);

    /// <summary>A state change, or (with <paramref name="Config"/>) new limits.</summary>
    private sealed record PendingEvent(SupervisorEvent Request, Principal By, StopCategory Category, SafetyConfig? Config)
    {
        public TaskCompletionSource<EventResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
