using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Robotics.Policies.Chunking;
using Robotics.Policies.Inference;

namespace Robotics.Nodes.Policy;

/// <summary>
/// Runs a learned policy (<c>policy</c>): at the sidecar's control rate it builds the observation from
/// <c>joint_states</c> (and <c>observation/environment_state</c>, camera topics, the task text), runs the model
/// when the chunk scheduler asks (<c>mode</c>: sync, ensemble, async), and sends exactly the action meant for this
/// tick to the supervisor as a <c>cmd/request</c> (source policy, the observation's stamp). A tick with no action
/// sends nothing (the supervisor's command watchdog holds the robot) — an old action is never replayed. NaN output
/// or a failed run discards the chunk. While the supervisor is not RUNNING the policy does not run: the node asks
/// to hold where the arm is (what START requires of a first command) and starts from fresh chunks. Publishes
/// <c>policy/chunk</c> and <c>policy/status</c> (latency, queue depth, observation age). The policy itself is a
/// <see cref="ChunkedPolicy"/>, which the residual policy node shares.
/// </summary>
public sealed class PolicyNode : Node
{
    private readonly ChunkedPolicy _policy;
    private readonly Publisher<CommandRequest> _commands;
    private readonly float[] _action;
    private ulong _sequence;

    public PolicyNode(RosContext context, string name, NodeOptions? options, PolicyModelLoader? loader)
        : base(context, name, options)
    {
        _policy = new ChunkedPolicy(this, loader);
        _action = new float[_policy.Joints.Length];
        _commands = CreatePublisher<CommandRequest>("cmd/request");
        CreateTimer(TimeSpan.FromSeconds(1 / _policy.Spec.ControlRateHz), Tick);
    }

    /// <summary>Opens the model file of a policy on the given execution provider (the composition root supplies ONNX Runtime).</summary>
    public delegate IPolicyModel PolicyModelLoader(string modelPath, string executionProvider);

    public ChunkScheduler Scheduler => _policy.Scheduler;

    public long RejectedChunks => _policy.RejectedChunks;

    /// <summary>The node's latest observation (the benchmark feeds it directly, without an executor).</summary>
    internal PolicyObservation Observation => _policy.Observation;

    /// <summary>One control tick now, as the timer runs it (the benchmark's handle on the node's whole tick).</summary>
    internal void TickNow() => Tick();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _policy?.Dispose(); // null when the constructor threw (the context still disposes the node)
        }

        base.Dispose(disposing);
    }

    internal static double[] Widen(ReadOnlySpan<float> values)
    {
        var wide = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            wide[i] = values[i];
        }

        return wide;
    }

    private void Tick()
    {
        var nowNs = RosTime.NowNanoseconds(Clock);
        if (!_policy.TryBeginTick(nowNs, out var tick))
        {
            return;
        }

        if (!_policy.Ready)
        {
            _policy.PublishStatus(tick, nowNs, commanded: false, -1);
            return;
        }

        if (!_policy.SupervisorRunning)
        {
            HoldWhereTheArmIs(tick, nowNs);
            return;
        }

        var commanded = _policy.TryTakeAction(tick, _action, out var stampNs);
        var ageNs = -1L;
        if (commanded)
        {
            ageNs = nowNs - stampNs;
            Send(nowNs, stampNs, Widen(_action));
        }

        _policy.PublishStatus(tick, nowNs, commanded, ageNs);
    }

    // Not running (armed, held, stopped): the request is "stay here" — within the step cap START checks, from the
    // latest measured position.
    private void HoldWhereTheArmIs(long tick, long nowNs)
    {
        _policy.Pause();
        if (!_policy.Observation.TryMeasured(out var measured))
        {
            _policy.PublishStatus(tick, nowNs, commanded: false, -1);
            return;
        }

        Send(nowNs, _policy.Observation.JointStampNs, measured.ToArray());
        _policy.PublishStatus(tick, nowNs, commanded: true, nowNs - _policy.Observation.JointStampNs);
    }

    private void Send(long nowNs, long observationStampNs, double[] positions) => _commands.Publish(new CommandRequest
    {
        Header = new Header { Stamp = RosTime.ToMessage(nowNs), FrameId = string.Empty },
        Source = CommandRequest.SOURCE_POLICY,
        SourceId = FullyQualifiedName,
        // The stamp is that of the observation behind the action: the supervisor refuses it when too old.
        ObservationStamp = RosTime.ToMessage(observationStampNs),
        Sequence = ++_sequence,
        JointNames = _policy.Joints,
        BasePosition = positions,
    });
}
