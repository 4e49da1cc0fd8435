using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Robotics.Nodes.Policy;
using Robotics.Policies.Contract;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// Residual RL on the graph (<c>residual_policy</c>; ResFiT, LEARNING.md §3): at the base policy's control rate it
/// runs the frozen base (<c>base_policy</c>, served as <see cref="PolicyNode"/> serves it), builds the actor's state
/// [normalized observation, normalized base action], adds the residual (exploration noise while training;
/// <c>exploration_std:=0</c> to evaluate) and sends one <c>cmd/request</c> (source policy) carrying the base and the
/// residual separately in joint units, so the supervisor caps the residual. Until the learner's first weights arrive the
/// residual is exactly zero. Each step goes to the learner (<c>transitions_topic</c>) labelled by
/// <see cref="EpisodeLabels"/>: sparse reward, terminal on success, truncated on a time limit, a stop or a dry tick;
/// a step a human drove (HIL-SERL) carries the human's command as its action and is flagged. With
/// <c>zero_base:=true</c> (RLPD/SERL from scratch, α = 1) the model is not run: the base is the middle of every joint's
/// action range and the whole action goes out as the base, since a residual cap around a base that is not a policy's
/// would pin the actor to the middle. Before the supervisor is RUNNING it asks to hold where the arm is. With
/// <c>drive:=false</c> it sends nothing and records the steps another source drives (the simulated expert, a
/// teleoperator) as flagged demonstrations: a learner's <c>record_dir</c> then holds demos for RLPD.
/// </summary>
public sealed class ResidualPolicyNode : Node
{
    private readonly ChunkedPolicy _base;
    private readonly ResidualActorLink _actor;
    private readonly EpisodeLabels _labels;
    private readonly Normalizer _normalizer;
    private readonly Publisher<CommandRequest> _commands;
    private readonly bool _zeroBase;
    private readonly bool _drive;
    private readonly int _observationSize;
    private readonly float[] _basePhysical;
    private readonly double[] _wide;
    private readonly float[] _state;
    private readonly float[] _residual;
    private readonly float[] _executed;
    private readonly float[] _targets;
    private readonly float[] _pendingState;
    private readonly float[] _pendingAction;
    private readonly float[] _frame;
    private readonly float[] _pendingFrame;
    private bool _pending;
    private bool _wasRunning;
    private ulong _sequence;
    private long _steps;
    private long _interventions;

    public ResidualPolicyNode(RosContext context, string name, NodeOptions? options, PolicyNode.PolicyModelLoader? loader)
        : base(context, name, options)
    {
        var read = new ParameterDescriptor { ReadOnly = true };
        _zeroBase = Parameters.Declare("zero_base", false, read with { Description = "RL from scratch (RLPD/SERL): the base_policy gives only joints, rate and normalization; the base is zero and α should be 1" });
        _drive = Parameters.Declare("drive", true, read with { Description = "false: send no command; record the steps the scripted expert or a teleoperator drives, flagged, their command as the action (demonstrations)" });
        var rewardTopic = Parameters.Declare("reward_topic", "episode/reward", read with { Description = "robotics_msgs/Reward whose terminal flag (or success_probability) is success" });
        var threshold = Parameters.Declare("success_threshold", 0.0, read with { Description = "> 0: a success classifier (HIL-SERL 0.85): success is success_probability above it, the environment's end only truncates; 0: the reward's terminal flag" });
        if (!(threshold is >= 0 and < 1))
        {
            throw new ArgumentException($"{FullyQualifiedName}: success_threshold must be in [0, 1) (0: the reward's terminal flag; HIL-SERL uses 0.85), not {threshold}");
        }

        _base = new ChunkedPolicy(this, loader, "base_policy");
        _normalizer = Normalizer.From(_base.Spec);
        (_observationSize, var actions) = (_base.Spec.State.Features.Count, _base.Joints.Length);
        _actor = new ResidualActorLink(this, _observationSize, actions, defaultAlpha: _zeroBase ? 1.0 : 0.1);
        if (_zeroBase && _actor.Alpha < 1)
        {
            Logger.Warn($"zero_base with α {_actor.Alpha}: the actor reaches only ±{_actor.Alpha} of each joint's normalized range around its middle (RLPD from scratch uses alpha:=1.0)");
        }

        _labels = new EpisodeLabels(threshold, demonstrator: !_drive);
        (_basePhysical, _wide, _residual, _executed, _targets) = (new float[actions], new double[actions], new float[actions], new float[actions], new float[actions]);
        (_state, _pendingState, _pendingAction) = (new float[_actor.InputSize], new float[_actor.InputSize], new float[actions]);
        // A reward model relabelling the steps scores the raw observation: the base policy's state features, which are
        // what `robotics train reward` trains on (the task's observation), before normalization.
        (_frame, _pendingFrame) = _actor.CarriesFrames ? (new float[_base.Observation.Values.Length], new float[_base.Observation.Values.Length]) : ([], []);
        _commands = CreatePublisher<CommandRequest>("cmd/request");
        CreateSubscription<EpisodeEvent>("episode/events", _labels.OnEvent);
        CreateSubscription<Reward>(rewardTopic, _labels.OnReward);
        CreateSubscription<CommandRequest>("cmd/request", _labels.OnCommand);
        CreateTimer(TimeSpan.FromSeconds(1 / _base.Spec.ControlRateHz), Tick);
        Logger.Info($"residual on {(_zeroBase ? "a zero base (from scratch)" : $"base {_base.Spec.PolicyId}")}: success from {ResolveName(rewardTopic)}{(threshold > 0 ? $" (success_probability > {threshold})" : " (terminal)")}");
    }

    /// <summary>Version of the learner's weights in use; 0 while the residual is still exactly zero.</summary>
    public ulong WeightsVersion => _actor.WeightsVersion;

    /// <summary>Weights refused (stale, damaged, misshapen, non-finite, another policy's).</summary>
    public long RejectedWeights => _actor.RejectedWeights;

    /// <summary>Steps published to the learner.</summary>
    public long TransitionsSent => _actor.TransitionsSent;

    /// <summary>Steps recorded (queued or sent).</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>Of <see cref="Steps"/>, those a human (or, with drive:=false, the demonstrator) drove.</summary>
    public long Interventions => Interlocked.Read(ref _interventions);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _actor?.Flush(); // null when the constructor threw; else the publisher is still open
            _base?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Tick()
    {
        var nowNs = RosTime.NowNanoseconds(Clock);
        if (!_base.TryBeginTick(nowNs, out var tick))
        {
            return;
        }

        if (!_base.Ready)
        {
            _base.PublishStatus(tick, nowNs, commanded: false, -1);
            return;
        }

        if (!_base.SupervisorRunning)
        {
            if (_wasRunning)
            {
                // Only a stop seen here ends the episode: one that started before this node saw RUNNING is kept.
                _wasRunning = false;
                _labels.OnStop();
            }

            CutPending();
            HoldWhereTheArmIs(tick, nowNs);
            return;
        }

        _wasRunning = true;
        var baseStampNs = _base.Observation.StampNs;
        if (_zeroBase)
        {
            Array.Clear(_state, _observationSize, _state.Length - _observationSize);
        }
        else if (_base.TryTakeAction(tick, _basePhysical, out baseStampNs))
        {
            Widen(_basePhysical);
            _normalizer.NormalizeAction(_wide, _state.AsSpan(_observationSize));
        }
        else
        {
            // A dry tick sends nothing (the supervisor holds): the chain of consecutive steps is cut here.
            CutPending();
            _base.PublishStatus(tick, nowNs, commanded: false, -1);
            return;
        }

        Observe();
        FinishPending();
        if (!_actor.TryAct(_state, _residual, _executed))
        {
            // A non-finite input or output: the base alone goes out, and that is the step's action.
            _state.AsSpan(_observationSize).CopyTo(_executed);
            Array.Clear(_residual);
        }

        if (_drive)
        {
            Send(nowNs, baseStampNs);
        }

        _base.PublishStatus(tick, nowNs, commanded: _drive, nowNs - baseStampNs);
        // The first observation after an episode's START is that episode's first state (the one published in the
        // same simulation tick as START still shows the previous episode's objects).
        if (_labels.InEpisode && _base.Observation.StampNs > _labels.EpisodeStartNs)
        {
            _state.CopyTo(_pendingState, 0);
            _executed.CopyTo(_pendingAction, 0);
            _frame.CopyTo(_pendingFrame, 0);
            _pending = true;
        }
    }

    // The step taken at the previous tick ends now, in the state just built.
    private void FinishPending()
    {
        var labels = _labels.TakeStep();
        if (!_pending)
        {
            return;
        }

        Record(labels, labels.Truncated);
    }

    // No action this tick (dry, stopped): the previous step ends in the observation now, with the base it last had.
    private void CutPending()
    {
        var labels = _labels.TakeStep();
        if (!_pending)
        {
            return;
        }

        Observe();
        Record(labels, truncated: !labels.Terminal);
    }

    // The actor's state (normalized observation; the base action follows) and, for a reward model, the raw frame.
    private void Observe()
    {
        var raw = _base.Observation.Values;
        _normalizer.NormalizeState(raw, _state);
        for (var i = 0; i < _frame.Length; i++)
        {
            _frame[i] = (float)raw[i];
        }
    }

    private void Record(StepLabels labels, bool truncated)
    {
        _pending = false;
        if (labels.Intervention || !_drive)
        {
            HumanAction(labels.HumanCommand, _pendingAction);
            Interlocked.Increment(ref _interventions);
        }

        _actor.AddTransition(_pendingState, _pendingAction, labels.Reward, _state, labels.Terminal, truncated, labels.Intervention || !_drive, _pendingFrame, _frame);
        Interlocked.Increment(ref _steps);
        if (labels.Ends)
        {
            Logger.Debug($"episode step {_steps}: {_labels.LastEnd}");
        }
    }

    /// <summary>
    /// What a human executed, normalized: their latest teleop/remote request (base + residual), or — for joints it does
    /// not name, or no request at all (a human moving the arm by hand) — where the arm measurably went.
    /// </summary>
    private void HumanAction(CommandRequest? human, Span<float> action)
    {
        _base.Observation.TryMeasured(out var measured);
        measured.CopyTo(_wide);
        if (human is not null)
        {
            for (var i = 0; i < human.JointNames.Length && i < human.BasePosition.Length; i++)
            {
                var joint = Array.IndexOf(_base.Joints, human.JointNames[i]);
                if (joint >= 0)
                {
                    _wide[joint] = human.BasePosition[i] + (i < human.ResidualPosition.Length ? human.ResidualPosition[i] : 0);
                }
            }
        }

        _normalizer.NormalizeAction(_wide, action);
        for (var j = 0; j < action.Length; j++)
        {
            action[j] = Math.Clamp(action[j], -1f, 1f);
        }
    }

    private void Send(long nowNs, long observationStampNs)
    {
        _normalizer.Denormalize(_executed, _targets);
        double[] basePosition, residualPosition;
        if (_zeroBase)
        {
            (basePosition, residualPosition) = (PolicyNode.Widen(_targets), []);
        }
        else
        {
            // As the in-process trainer splits it: base = the base's action, residual = executed − base (joint units).
            _normalizer.Denormalize(_state.AsSpan(_observationSize), _basePhysical);
            basePosition = PolicyNode.Widen(_basePhysical);
            residualPosition = new double[_targets.Length];
            for (var j = 0; j < _targets.Length; j++)
            {
                residualPosition[j] = _targets[j] - _basePhysical[j];
            }
        }

        _commands.Publish(new CommandRequest
        {
            Header = new Header { Stamp = RosTime.ToMessage(nowNs), FrameId = string.Empty },
            Source = CommandRequest.SOURCE_POLICY,
            SourceId = FullyQualifiedName,
            ObservationStamp = RosTime.ToMessage(observationStampNs),
            Sequence = ++_sequence,
            JointNames = _base.Joints,
            BasePosition = basePosition,
            ResidualPosition = residualPosition,
        });
    }

    // Not running: ask to stay where the arm is (what START requires of a first command), as the policy node does.
    private void HoldWhereTheArmIs(long tick, long nowNs)
    {
        _base.Pause();
        _actor.Flush();
        if (!_drive || !_base.Observation.TryMeasured(out var measured))
        {
            _base.PublishStatus(tick, nowNs, commanded: false, -1);
            return;
        }

        _commands.Publish(new CommandRequest
        {
            Header = new Header { Stamp = RosTime.ToMessage(nowNs), FrameId = string.Empty },
            Source = CommandRequest.SOURCE_POLICY,
            SourceId = FullyQualifiedName,
            ObservationStamp = RosTime.ToMessage(_base.Observation.JointStampNs),
            Sequence = ++_sequence,
            JointNames = _base.Joints,
            BasePosition = measured.ToArray(),
        });
        _base.PublishStatus(tick, nowNs, commanded: true, nowNs - _base.Observation.JointStampNs);
    }

    private void Widen(ReadOnlySpan<float> values)
    {
        for (var j = 0; j < values.Length; j++)
        {
            _wide[j] = values[j];
        }
    }
}
