using System.Globalization;
using Robotics.Messages.DiagnosticMsgs;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware;
using Robotics.Nodes.Gazebo;
using Robotics.Middleware.Hardware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Robotics.Safety;
using Transition = Robotics.Safety.Transition; // robotics_msgs/Transition (a replay step) shares the name

namespace Robotics.Nodes.Safety;

/// <summary>
/// The control process's heart: runs the <see cref="ControlLoop"/> (hardware behind the safety supervisor) and connects
/// it to the graph. Requests arrive on <c>cmd/request</c> (robotics_msgs/CommandRequest), operator and stop commands
/// on <c>supervisor/command</c>; it publishes <c>joint_states</c> (capture-stamped), <c>supervisor/status</c> (state,
/// reasons, requested vs sent) and, on <c>/diagnostics</c>, loop statistics and the hardware's fault or warning. The hardware comes from the composition
/// root (servo bus, simulator); without one it drives an in-memory <see cref="KinematicArm"/>.
/// </summary>
public sealed class SupervisorNode : Node
{
    private static readonly string[] _defaultOperators = ["operator"];
    private readonly ControlLoop _loop;
    private readonly IHardwareComponent _hardware;
    private readonly DecisionSnapshot _snapshot;
    private readonly HashSet<string> _operators;
    private readonly Publisher<JointState> _jointStates;
    private readonly Publisher<SupervisorStatus> _status;
    private readonly Publisher<DiagnosticArray> _diagnostics;
    private readonly Publisher<SafetyDecisionArray> _decisions;
    private readonly SafetyJournal _journal;
    private readonly List<Transition> _pendingEvents = [];
    private readonly List<SafetyDecision> _batch = [];
    private readonly Lock _recordLock = new();
    private long _rejectionsLogged;
    private Exception? _reportedError;
    private string? _reportedHardware;

    public SupervisorNode(RosContext context, string name, NodeOptions? options = null, ControlPlatform? platform = null)
        : base(context, name, options)
    {
        platform ??= new ControlPlatform();
        var kind = Parameters.Declare("hardware", "kinematic", new ParameterDescriptor { ReadOnly = true, Description = "kinematic (in-memory arm), gazebo (ros_gz_bridge topics), or what the composition root provides: dynamixel, feetech, mujoco" });
        var rate = Parameters.Declare("rate_hz", 200.0, new ParameterDescriptor { ReadOnly = true, FloatingPointRange = new FloatingPointRange(10, 1000), Description = "control loop rate" });
        var stateRate = Parameters.Declare("state_rate_hz", 100.0, new ParameterDescriptor { ReadOnly = true, FloatingPointRange = new FloatingPointRange(1, 1000) });
        _operators = [.. Parameters.Declare("operator_principals", (object)_defaultOperators, new ParameterDescriptor { ReadOnly = true, Description = "principals allowed to ARM, START and RESET (anyone may stop)" }).AsStringArray()];
        var config = SafetyParameters.Declare(Parameters, rate);
        var supervisor = new SafetySupervisor(config);
        if (supervisor.ConfigErrors.Count > 0)
        {
            Logger.Error($"safety configuration refused, staying DISABLED: {string.Join("; ", supervisor.ConfigErrors)}");
        }

        var joints = config.Joints.Select(j => j.Name).ToList();
        IHardwareComponent hardware = kind switch
        {
            "kinematic" => new KinematicArm(joints, Clock),
            "gazebo" => new GazeboTopicArm(this, joints),
            _ => platform.Hardware?.Invoke(this, kind, joints) ?? throw new ArgumentException($"hardware '{kind}' is not available here (this build provides: kinematic, gazebo)"),
        };
        _hardware = hardware;
        _loop = new ControlLoop(hardware, supervisor, Clock, platform.ThreadSetup, platform.SleepUntil);
        _snapshot = new DecisionSnapshot(joints);
        _jointStates = CreatePublisher<JointState>("joint_states", QosProfile.SensorData);
        _status = CreatePublisher<SupervisorStatus>("supervisor/status");
        _diagnostics = CreatePublisher<DiagnosticArray>("/diagnostics");
        _decisions = CreatePublisher<SafetyDecisionArray>("supervisor/decisions");
        var journal = Parameters.Declare("journal_path", string.Empty, new ParameterDescriptor { ReadOnly = true, Description = "safety event journal (JSON lines, fsynced); empty: $XDG_STATE_HOME/robotics/safety/<node>.jsonl" });
        _journal = new SafetyJournal(journal.Length > 0 ? journal : SafetyJournal.DefaultPath(FullyQualifiedName));
        CreateTimer(TimeSpan.FromMilliseconds(50), PublishDecisions);
        CreateSubscription<CommandRequest>("cmd/request", OnCommand);
        CreateSubscription<SupervisorCommand>("supervisor/command", OnSupervisorCommand);
        CreateTimer(TimeSpan.FromSeconds(1 / stateRate), PublishState);
        CreateTimer(TimeSpan.FromSeconds(1), PublishDiagnostics);
        _loop.Start();
        CreateTimer(TimeSpan.FromSeconds(0.5), ReportThreadSetupOnce);
    }

    /// <summary>The loop (for in-process callers such as the demo and tests).</summary>
    public ControlLoop Loop => _loop;

    private void OnCommand(CommandRequest request)
    {
        CommandSource? source = request.Source switch
        {
            CommandRequest.SOURCE_POLICY or CommandRequest.SOURCE_RESIDUAL => CommandSource.Policy,
            CommandRequest.SOURCE_TELEOP => CommandSource.Teleop,
            CommandRequest.SOURCE_REMOTE => CommandSource.Remote,
            CommandRequest.SOURCE_SCRIPTED => CommandSource.Scripted,
            _ => null,
        };
        if (source is null)
        {
            Logger.Warn($"rejected command #{request.Sequence} from {request.SourceId}: unknown source {request.Source} (nothing moves)");
            return;
        }

        _loop.Submit(source.Value, request.Sequence, RosTime.ToNanoseconds(request.ObservationStamp), request.JointNames, request.BasePosition, request.ResidualPosition, request.Intervention);
    }

    private void OnSupervisorCommand(SupervisorCommand command)
    {
        var who = _operators.Contains(command.Principal) ? Principal.Operator : Principal.Monitor;
        var (request, category) = command.Command switch
        {
            SupervisorCommand.COMMAND_ESTOP => (SupervisorEvent.EmergencyStop, StopCategory.Cat2),
            SupervisorCommand.COMMAND_STOP => (SupervisorEvent.Stop, StopCategory.Cat1),
            SupervisorCommand.COMMAND_HOLD => (SupervisorEvent.Stop, StopCategory.Cat2),
            SupervisorCommand.COMMAND_ARM => (SupervisorEvent.Arm, StopCategory.Cat2),
            SupervisorCommand.COMMAND_RESET => (SupervisorEvent.Reset, StopCategory.Cat2),
            SupervisorCommand.COMMAND_START => (SupervisorEvent.Start, StopCategory.Cat2),
            _ => ((SupervisorEvent?)null, StopCategory.Cat2),
        };
        if (request is null)
        {
            Logger.Warn($"unknown supervisor command {command.Command} from '{command.Principal}': ignored (nothing moves)");
            return;
        }

        var result = _loop.Request(request.Value, who, category);
        RecordSafetyEvents(); // on disk before the answer is acknowledged (SAFETY.md I33)
        var text = $"{request} by '{command.Principal}' ({who}){(command.Reason.Length > 0 ? ": " + command.Reason : string.Empty)} → {(result.Accepted ? "accepted" : "refused")}: {result.Message}";
        if (result.Accepted)
        {
            Logger.Info(text);
        }
        else
        {
            Logger.Warn(text);
        }
    }

    /// <summary>Safety events (state changes) from the loop: journaled with fsync, then logged. Never dropped.</summary>
    private void RecordSafetyEvents()
    {
        lock (_recordLock)
        {
            _pendingEvents.Clear();
            while (_loop.TryTakeSafetyEvent(out var transition))
            {
                _pendingEvents.Add(transition);
            }

            _journal.Append(_pendingEvents, _loop.Supervisor.ConfigHash);
            foreach (var t in _pendingEvents)
            {
                var text = $"{t.From} → {t.To}: {t.Cause}{(t.By is { } by ? $" (by {by})" : string.Empty)}";
                if (t.To is SupervisorState.Hold or SupervisorState.Fault or SupervisorState.EStop or SupervisorState.Stopping)
                {
                    Logger.Warn(text);
                }
                else
                {
                    Logger.Info(text);
                }
            }
        }
    }

    /// <summary>Every tick's decision, in batches of at most 100 ms (I33 telemetry; dropped and counted under overload).</summary>
    private void PublishDecisions()
    {
        _batch.Clear();
        _loop.DrainDecisions(r => _batch.Add(new SafetyDecision
        {
            Stamp = RosTime.ToMessage(r.TimeNs),
            Tick = (ulong)r.Tick,
            State = (byte)r.State,
            Mode = (byte)r.Mode,
            Source = r.Source is { } source ? SourceCode(source) : byte.MaxValue,
            Sequence = r.Sequence,
            ObservationStamp = RosTime.ToMessage(r.ObservationStampNs),
            ReasonBits = (ulong)r.Reasons,
            Intervened = r.Intervened,
            TickDurationNs = (uint)Math.Clamp(r.TickDurationNs, 0, uint.MaxValue),
            ConfigVersion = (uint)r.ConfigVersion,
            ConfigHash = r.ConfigHash,
            Requested = [.. r.Requested],
            Sent = [.. r.Sent],
            JointReasonBits = [.. r.JointReasons.Select(j => (ulong)j)],
        }));
        if (_batch.Count > 0)
        {
            _decisions.Publish(new SafetyDecisionArray { Header = new() { Stamp = Now() }, JointNames = _snapshot.JointNames, Decisions = [.. _batch], Dropped = (ulong)_loop.DroppedDecisions });
        }
    }

    private static byte SourceCode(CommandSource source) => source switch
    {
        CommandSource.Teleop => CommandRequest.SOURCE_TELEOP,
        CommandSource.Remote => CommandRequest.SOURCE_REMOTE,
        CommandSource.Scripted => CommandRequest.SOURCE_SCRIPTED,
        _ => CommandRequest.SOURCE_POLICY,
    };

    private bool _threadSetupReported;

    private void ReportThreadSetupOnce()
    {
        if (!_threadSetupReported && _loop.TickCount > 0)
        {
            _threadSetupReported = true;
            if (_loop.ThreadSetupProblem is { } problem)
            {
                Logger.Warn($"control loop runs without real-time scheduling: {problem}");
            }
        }
    }

    private void PublishState()
    {
        RecordSafetyEvents();
        _loop.CopyLatest(_snapshot);
        if (_snapshot.Tick == 0)
        {
            return;
        }

        var stamp = RosTime.ToMessage(_snapshot.TimeNs);
        _jointStates.Publish(new JointState { Header = new() { Stamp = stamp }, Name = _snapshot.JointNames, Position = [.. _snapshot.Measured] });
        var statistics = _loop.Statistics;
        _status.Publish(new SupervisorStatus
        {
            Header = new() { Stamp = stamp },
            State = (byte)_snapshot.State,
            ActiveSource = _snapshot.Source is { } active ? SourceCode(active) : CommandRequest.SOURCE_POLICY,
            ReasonBits = (ulong)_snapshot.Reasons,
            Reason = _snapshot.Reasons == SafetyReason.None ? string.Empty : _snapshot.Reasons.ToString(),
            Tick = (ulong)_snapshot.Tick,
            TickPeriodS = _loop.Supervisor.Config.Period.TotalSeconds,
            JitterP99S = statistics.Percentile(0.99) / 1e6,
            Overruns = (uint)Math.Min(uint.MaxValue, statistics.Overruns),
            JointNames = _snapshot.JointNames,
            CommandedPosition = [.. _snapshot.Requested],
            SentPosition = [.. _snapshot.Sent],
        });
    }

    private void PublishDiagnostics()
    {
        // Rejections are decided on the loop thread; report them here, at most once a second.
        var rejected = _loop.RejectedCommands;
        if (rejected > _rejectionsLogged)
        {
            var (source, sequence, reasons) = _loop.LastRejection;
            Logger.Warn($"{rejected - _rejectionsLogged} command(s) rejected in the last second; latest: {source} #{sequence}: {reasons}");
            _rejectionsLogged = rejected;
        }

        if (_loop.LastError is { } error && !ReferenceEquals(error, _reportedError))
        {
            _reportedError = error;
            Logger.Error($"control cycle failed ({error.GetType().Name}: {error.Message}); the supervisor faulted and the loop goes on");
        }

        // Why the hardware stops the arm or may soon (a servo's fault, a failed connect check, heat, failing reads:
        // SAFETY.md H29-H32), logged once per change and published every second beside the loop's status.
        var (fault, warning) = (_hardware.Fault, _hardware.Warning);
        if ((fault ?? warning) is { } hardwareText && hardwareText != _reportedHardware)
        {
            if (fault is not null)
            {
                Logger.Error($"hardware fault: {fault}");
            }
            else
            {
                Logger.Warn($"hardware warning: {warning}");
            }
        }

        _reportedHardware = fault ?? warning;
        var s = _loop.Statistics;
        string F(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        _diagnostics.Publish(new DiagnosticArray
        {
            Header = new() { Stamp = Now() },
            Status =
            [
                new DiagnosticStatus
                {
                    Level = s.Overruns == 0 ? DiagnosticStatus.OK : DiagnosticStatus.WARN,
                    Name = $"{FullyQualifiedName}: control loop",
                    HardwareId = string.Join(",", _snapshot.JointNames),
                    Message = $"{_loop.Supervisor.State}, {s.Ticks} ticks, {s.Overruns} overruns",
                    Values =
                    [
                        new KeyValue { Key = "period_error_p50_us", Value = F(s.Percentile(0.5)) },
                        new KeyValue { Key = "period_error_p99_us", Value = F(s.Percentile(0.99)) },
                        new KeyValue { Key = "period_error_p99_9_us", Value = F(s.Percentile(0.999)) },
                        new KeyValue { Key = "overruns", Value = s.Overruns.ToString(CultureInfo.InvariantCulture) },
                        new KeyValue { Key = "rejected_commands", Value = rejected.ToString(CultureInfo.InvariantCulture) },
                    ],
                },
                new DiagnosticStatus
                {
                    Level = fault is not null ? DiagnosticStatus.ERROR : warning is not null ? DiagnosticStatus.WARN : DiagnosticStatus.OK,
                    Name = $"{FullyQualifiedName}: hardware",
                    HardwareId = string.Join(",", _snapshot.JointNames),
                    Message = fault ?? warning ?? "ok",
                },
            ],
        });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _loop.Dispose(); // a category 1 stop, then torque off (SAFETY.md I35)
            RecordSafetyEvents();
            _journal.Dispose();
        }

        base.Dispose(disposing);
    }
}
