using Robotics.Safety.Kinematics;

namespace Robotics.Safety;

/// <summary>
/// The gate between every command source and the motors (SAFETY.md). Sources <see cref="Submit"/> requests at any
/// time; the control loop calls <see cref="Tick"/> once per period with the measured state and sends what the
/// returned <see cref="Decision"/> says. Pure and single-threaded by design: the control process serializes Submit,
/// Tick and <see cref="Request"/> on its loop thread. Tick allocates nothing.
/// </summary>
public sealed partial class SafetySupervisor
{
    private readonly JointLimit[] _joints;
    private readonly CommandSlot[] _slots;
    private readonly JointMotion[] _motion;
    private readonly double[] _held;
    private readonly double[] _measured;
    private readonly double[] _target;
    private readonly double[] _lastCommand;
    private readonly double[] _scratch;
    private readonly JointMotion[] _previousMotion;
    private readonly ToolStepCap?[] _caps = new ToolStepCap?[Enum.GetValues<CommandSource>().Length];
    private readonly Decision _decision;
    private readonly List<Transition> _transitions = [];
    private readonly long _periodNs;
    private long _lastTickNs;
    private long _measuredStampNs;
    private bool _hasMeasurement;
    private CommandSource? _active;
    private long _lastDriveNs;
    private int _deadlineMisses;
    private SupervisorState _stopTo;
    private StopCategory _stopCategory;
    private bool _torqueOn;
    private int _failedReads;
    private int _lateTicks;
    private long _lateWindowStartNs;
    private Workspace? _workspace;
    private ForwardKinematics? _kinematics;
    private CommandSource? _saturatedSource;
    private long _saturatedSinceNs;
    private SafetyReason _saturatedReasons;
    private long _stopDeadlineNs;

    public SafetySupervisor(SafetyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _joints = [.. config.Joints ?? []];
        var n = _joints.Length;
        _slots = [new CommandSlot(n), new CommandSlot(n), new CommandSlot(n), new CommandSlot(n)];
        _motion = new JointMotion[n];
        _previousMotion = new JointMotion[n];
        (_held, _measured, _target, _lastCommand, _scratch) = (new double[n], new double[n], new double[n], new double[n], new double[n]);
        _decision = new Decision(n);
        _periodNs = (long)config.Period.TotalNanoseconds;
        Config = config;
        ConfigErrors = [];
        ConfigHash = string.Empty;
        ApplyConfig(config);
    }

    /// <summary>The limits in force (replaced only by <see cref="Reconfigure"/>).</summary>
    public SafetyConfig Config { get; private set; }

    /// <summary>Why the configuration is invalid (the supervisor then refuses to leave DISABLED); empty when valid.</summary>
    public IReadOnlyList<string> ConfigErrors { get; private set; }

    /// <summary>I35: SHA-256 hex of <see cref="Config"/>'s canonical text; every <see cref="Decision"/> carries it.</summary>
    public string ConfigHash { get; private set; }

    public SupervisorState State { get; private set; } = SupervisorState.Disabled;

    /// <summary>Every state change so far, oldest first.</summary>
    public IReadOnlyList<Transition> Transitions => _transitions;

    public IReadOnlyList<JointLimit> Joints => _joints;

    /// <summary>
    /// Offers a source's command (A1–A3, C13). Returns <see cref="SafetyReason.None"/> when accepted; otherwise the
    /// reasons it was rejected. A malformed request while RUNNING is a protective stop to HOLD; nothing moves toward it.
    /// <paramref name="joints"/> may name a subset of the configured joints; the others keep their last command.
    /// </summary>
    public SafetyReason Submit(CommandSource source, ulong sequence, long observationStampNs, ReadOnlySpan<string> joints, ReadOnlySpan<double> position, ReadOnlySpan<double> residual, bool intervention, long nowNs)
    {
        var slot = _slots[(int)source];
        var reasons = Check(slot, sequence, observationStampNs, joints, position, residual, nowNs);
        if (reasons == SafetyReason.None && ToolStepRejects(source, slot, joints, position, residual))
        {
            reasons = SafetyReason.ToolStepRejected;
        }

        if ((reasons & (SafetyReason.PolicyDeadline | SafetyReason.ToolStepRejected)) != 0)
        {
            // A late answer or a too-far tool step (C12 reject mode) is not malformed: it is dropped and counted;
            // K in a row → HOLD (E19). The slot keeps the previous command, which ages out on the command timeout.
            if (++_deadlineMisses >= Config.DeadlineMissesToHold && State == SupervisorState.Running)
            {
                BeginStop(StopCategory.Cat2, SupervisorState.Hold, $"{Config.DeadlineMissesToHold} requests of {source} dropped in a row (policy deadline or tool-step cap; the last: {reasons})", null, nowNs);
            }

            return reasons;
        }

        if (reasons != SafetyReason.None)
        {
            if (State == SupervisorState.Running)
            {
                BeginStop(StopCategory.Cat2, SupervisorState.Hold, $"rejected {source} command: {reasons}", null, nowNs);
            }

            return reasons;
        }

        _deadlineMisses = 0;
        Array.Fill(slot.Target, double.NaN);
        Array.Clear(slot.Residual);
        for (var i = 0; i < joints.Length; i++)
        {
            var index = IndexOf(joints[i]);
            slot.Target[index] = position[i];
            slot.Residual[index] = residual.IsEmpty ? 0 : residual[i];
        }

        slot.HasResidual = !residual.IsEmpty && !slot.ResidualDropped;
        (slot.HasCommand, slot.HasSequence, slot.Sequence) = (true, true, sequence);
        (slot.ObservationStampNs, slot.ReceivedNs, slot.Intervention) = (observationStampNs, nowNs, intervention);
        return SafetyReason.None;
    }

    /// <summary>
    /// One control period: checks the measured state, arbitrates, limits and decides what the hardware gets.
    /// <paramref name="measured"/> holds the configured joints' positions in configuration order. For hardware that
    /// measures no effort (B7 then goes unchecked).
    /// </summary>
    public Decision Tick(long nowNs, ReadOnlySpan<double> measured, long measuredStampNs) => Tick(nowNs, measured, measuredStampNs, []);

    /// <summary>
    /// One control period with measured effort per joint (configuration order; empty: not measured), checked against
    /// <see cref="JointLimit.MaxEffort"/> (B7).
    /// </summary>
    public Decision Tick(long nowNs, ReadOnlySpan<double> measured, long measuredStampNs, ReadOnlySpan<double> effort)
    {
        var d = _decision;
        d.Reasons = SafetyReason.None;
        Array.Clear(d.JointReasons);
        (d.Source, d.Sequence, d.ObservationStampNs, d.Intervened) = (null, 0, 0, false);

        // A4: an implausible dt is an overrun; limits then use the nominal period instead of extrapolating.
        var previousTickNs = _lastTickNs;
        var dtNs = _lastTickNs == 0 ? _periodNs : nowNs - _lastTickNs;
        if (dtNs <= 0 || dtNs > 3 * _periodNs)
        {
            d.Reasons |= _lastTickNs == 0 ? SafetyReason.None : SafetyReason.Overrun;
            dtNs = _periodNs;
        }

        _lastTickNs = nowNs;
        var dt = dtNs / 1e9;
        CountLateTick(nowNs, late: previousTickNs != 0 && nowNs - previousTickNs > _periodNs * 3 / 2, d);
        var sensors = CheckSensors(nowNs, measured, measuredStampNs, d);
        CheckEffort(nowNs, effort, d);

        switch (State)
        {
            case SupervisorState.Running:
                Run(nowNs, dt, sensors, d);
                break;
            case SupervisorState.Stopping:
                ContinueStop(nowNs, dt, sensors, d);
                break;
            case SupervisorState.Armed or SupervisorState.Hold or SupervisorState.Fault or SupervisorState.EStop:
                HoldStill(nowNs, d);
                break;
            default:
                Output(d, OutputMode.TorqueOff, _measured);
                break;
        }

        (d.TimeNs, d.State, d.ConfigVersion, d.ConfigHash) = (nowNs, State, Config.Version, ConfigHash);
        return d;
    }

    private SafetyReason Check(CommandSlot slot, ulong sequence, long stampNs, ReadOnlySpan<string> joints, ReadOnlySpan<double> position, ReadOnlySpan<double> residual, long nowNs)
    {
        var reasons = SafetyReason.None;
        if (joints.Length == 0 || joints.Length > _joints.Length || position.Length != joints.Length || (!residual.IsEmpty && residual.Length != joints.Length))
        {
            return SafetyReason.WrongShape;
        }

        for (var i = 0; i < joints.Length; i++)
        {
            // Unknown or duplicate joint names are a wrong shape (A2).
            var index = IndexOf(joints[i]);
            if (index < 0)
            {
                return SafetyReason.WrongShape;
            }

            for (var k = 0; k < i; k++)
            {
                if (string.Equals(joints[k], joints[i], StringComparison.Ordinal))
                {
                    return SafetyReason.WrongShape;
                }
            }

            // A1: never clamp a NaN or an infinity — reject the whole request.
            if (!double.IsFinite(position[i]) || (!residual.IsEmpty && !double.IsFinite(residual[i])))
            {
                reasons |= SafetyReason.NonFinite;
            }
        }

        if (slot.HasSequence && sequence <= slot.Sequence)
        {
            reasons |= SafetyReason.SequenceNotIncreasing;
        }

        if (stampNs - nowNs > (long)Config.MaxClockSkew.TotalNanoseconds)
        {
            reasons |= SafetyReason.FutureStamp;
        }
        else if (reasons == SafetyReason.None && nowNs - stampNs > (long)Config.MaxObservationAge.TotalNanoseconds)
        {
            reasons |= SafetyReason.PolicyDeadline;
        }

        return reasons;
    }

    /// <summary>E18, B6: stale or lost measurements, and a measured position beyond the hard limits.</summary>
    private SafetyReason CheckSensors(long nowNs, ReadOnlySpan<double> measured, long stampNs, Decision d)
    {
        var ok = measured.Length == _joints.Length;
        for (var i = 0; ok && i < measured.Length; i++)
        {
            ok = double.IsFinite(measured[i]);
        }

        if (ok && stampNs > _measuredStampNs - 1)
        {
            measured.CopyTo(_measured);
            (_measuredStampNs, _hasMeasurement) = (stampNs, true);
        }

        var reasons = SafetyReason.None;
        var age = nowNs - _measuredStampNs;
        if (!_hasMeasurement || age > (long)Config.SensorLostAfter.TotalNanoseconds)
        {
            reasons |= SafetyReason.SensorLost;
        }
        else if (age > (long)Config.SensorStaleAfter.TotalNanoseconds)
        {
            reasons |= SafetyReason.SensorStale;
        }

        for (var i = 0; _hasMeasurement && i < _joints.Length; i++)
        {
            var j = _joints[i];
            if (_measured[i] < j.HardMin - Config.PositionFaultTolerance || _measured[i] > j.HardMax + Config.PositionFaultTolerance)
            {
                reasons |= SafetyReason.OutsideHardLimits;
                d.JointReasons[i] |= SafetyReason.OutsideHardLimits;
            }
        }

        d.Reasons |= reasons;
        var latched = (reasons & (SafetyReason.SensorLost | SafetyReason.OutsideHardLimits)) != 0;
        if (latched && State is SupervisorState.Armed or SupervisorState.Running or SupervisorState.Hold or SupervisorState.Stopping && _stopTo != SupervisorState.Fault)
        {
            BeginStop(StopCategory.Cat2, SupervisorState.Fault, (reasons & SafetyReason.SensorLost) != 0 ? "joint state lost" : "a joint is beyond its hard limit", null, nowNs);
        }

        return reasons;
    }

    /// <summary>
    /// H31: a hardware read failed (the loop reports each one). <see cref="SafetyConfig.FailedReadsToHold"/> in a row
    /// while moving is a protective stop to HOLD; a long outage then also ages the joint state into FAULT.
    /// </summary>
    public void ReportReadFailure(long nowNs)
    {
        if (++_failedReads >= Config.FailedReadsToHold && State == SupervisorState.Running)
        {
            BeginStop(StopCategory.Cat2, SupervisorState.Hold, $"{_failedReads} hardware reads failed in a row", null, nowNs);
        }
    }

    /// <summary>A hardware read succeeded: the failure run is over.</summary>
    public void ReportReadSuccess() => _failedReads = 0;

    // E20: late ticks counted per one-second window; too many → protective stop to HOLD.
    private void CountLateTick(long nowNs, bool late, Decision d)
    {
        if (nowNs - _lateWindowStartNs >= 1_000_000_000)
        {
            (_lateWindowStartNs, _lateTicks) = (nowNs, 0);
        }

        if (!late)
        {
            return;
        }

        d.Reasons |= SafetyReason.Overrun;
        if (++_lateTicks > Config.MaxLateTicksPerSecond && State == SupervisorState.Running)
        {
            BeginStop(StopCategory.Cat2, SupervisorState.Hold, $"{_lateTicks} late control ticks within a second (the loop cannot keep its period)", null, nowNs);
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _joints.Length; i++)
        {
            if (string.Equals(_joints[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Output(Decision d, OutputMode mode, double[] position)
    {
        d.Mode = mode;
        position.CopyTo(d.Sent, 0);
        position.CopyTo(d.Requested, 0);
        Array.Clear(d.SentVelocity);
    }
}
