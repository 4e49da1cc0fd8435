using System.Collections.Concurrent;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Middleware.Topics;
using Robotics.Nodes.Reinforcement;
using Robotics.Nodes.Safety;
using Robotics.Policies.Contract;
using Robotics.Policies.Inference;
using Robotics.Policies.Learning;
using Robotics.Safety;
using Transition = Robotics.Messages.RoboticsMsgs.Transition;

namespace Robotics.Nodes.Tests.Reinforcement;

/// <summary>
/// The residual policy node on the in-process bus with the real supervisor around the in-memory arm, a tiny in-memory
/// base (a zero network: every action the middle of its range) and a real learner: base and residual go out
/// separately; before weights the residual is exactly zero; steps are labelled from the episode's events and reward,
/// reach the learner, and a human's steps carry the human's command. A test probe plays sim_episodes.
/// </summary>
public sealed class ResidualPolicyNodeTests : IDisposable
{
    private static readonly string[] _joints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    // The base's constant action: the middle of [min, max] below (elbow_flex and gripper 0.1, the rest 0).
    private static readonly double[] _baseAction = [0, 0, 0.1, 0, 0, 0.1];
    private readonly RosTestEnvironment _env = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("residual-node-").FullName;
    private readonly ConcurrentQueue<CommandRequest> _sent = new();
    private readonly ConcurrentQueue<Transition> _steps = new();
    private readonly ConcurrentQueue<Transition> _rawSteps = new();
    private readonly ConcurrentQueue<double[]> _measured = new();
    private readonly SupervisorNode _supervisor;
    private readonly Publisher<EpisodeEvent> _events;
    private readonly Publisher<Reward> _rewards;
    private readonly Publisher<CommandRequest> _teleop;
    private readonly Publisher<PolicyWeights> _weights;
    private readonly Publisher<SupervisorCommand> _console;
    private readonly Node _probe;
    private volatile JointState? _latest;

    public ResidualPolicyNodeTests()
    {
        _supervisor = new SupervisorNode(_env.Context, "supervisor", new NodeOptions
        {
            ParameterOverrides = new Dictionary<string, object?> { ["command_timeout_s"] = 1.0, ["max_observation_age_s"] = 1.0, ["sensor_stale_after_s"] = 0.5, ["sensor_lost_after_s"] = 2.0, ["max_late_ticks_per_second"] = 1000L, ["journal_path"] = Path.Combine(_dir, "journal.jsonl") },
        });
        _env.Executor.Add(_supervisor);
        var probe = _probe = _env.CreateNode("probe");
        probe.CreateSubscription<CommandRequest>("cmd/request", c =>
        {
            if (c.Source == CommandRequest.SOURCE_POLICY)
            {
                _sent.Enqueue(c);
            }
        });
        probe.CreateSubscription<TransitionBatch>(ResidualTopics.Transitions, b => Array.ForEach(b.Transitions, _steps.Enqueue), ResidualTopics.TransitionsQos);
        probe.CreateSubscription<TransitionBatch>(ResidualTopics.RawTransitions, b => Array.ForEach(b.Transitions, _rawSteps.Enqueue), ResidualTopics.TransitionsQos);
        probe.CreateSubscription<JointState>("joint_states", s =>
        {
            _latest = s;
            _measured.Enqueue(s.Position);
        }, Middleware.Qos.QosProfile.SensorData);
        _events = probe.CreatePublisher<EpisodeEvent>("episode/events");
        _rewards = probe.CreatePublisher<Reward>("episode/reward");
        _teleop = probe.CreatePublisher<CommandRequest>("cmd/request");
        _weights = probe.CreatePublisher<PolicyWeights>(ResidualTopics.Weights, ResidualTopics.WeightsQos);
        _console = probe.CreatePublisher<SupervisorCommand>("supervisor/command");
    }

    public void Dispose()
    {
        _env.Dispose();
        Directory.Delete(_dir, recursive: true);
        _env.AssertClean();
    }

    [Fact]
    public void BeforeWeights_TheResidualIsExactlyZero_AndTheBaseIsExecuted()
    {
        Start(("exploration_std", 0.0));
        Run();
        SpinUntil(() => _sent.Count(c => c.ResidualPosition.Length > 0) > 10, "commands with a residual");
        SpinUntil(() => Math.Abs(Measured("elbow_flex") - 0.1) < 0.01, "the arm goes to the base's target", TimeSpan.FromSeconds(20));

        var driving = _sent.Where(c => c.ResidualPosition.Length > 0).ToList();
        Assert.All(driving, c =>
        {
            Assert.Equal(_joints, c.JointNames);
            Assert.All(c.ResidualPosition, r => Assert.Equal(0.0, r));
            for (var j = 0; j < _joints.Length; j++)
            {
                Assert.Equal(_baseAction[j], c.BasePosition[j], 6);
            }
        });
        Assert.Equal(_sent.Count, _sent.Select(c => c.Sequence).Distinct().Count());
    }

    [Fact]
    public void LearnersWeights_MoveTheResidual_WithinAlpha_AndTheBaseStaysTheBase()
    {
        var node = Start(("exploration_std", 0.0), ("alpha", 0.2));
        Run();
        Send(version: 1, Mlp.Create(12, [8], 6, new Rng(5), layerNorm: true, outputActivation: Activation.Tanh));
        SpinUntil(() => node.WeightsVersion == 1, "the weights are taken");
        var before = _sent.Count;
        SpinUntil(() => _sent.Count > before + 10, "commands on the new weights");

        var residuals = _sent.Skip(before + 2).Select(c => c.ResidualPosition).ToList();
        Assert.Contains(residuals, r => r.Any(v => Math.Abs(v) > 1e-4));
        // α 0.2 of the half range 0.1 (the normalizer's floor): at most 0.02 rad on any joint.
        Assert.All(residuals, r => Assert.All(r, v => Assert.InRange(v, -0.02 - 1e-6, 0.02 + 1e-6)));
        Assert.All(_sent.Skip(before + 2), c => Assert.Equal(_baseAction[2], c.BasePosition[2], 6));
    }

    [Fact]
    public void EpisodeSteps_ReachTheLearner_SuccessIsTerminal_TimeLimitAndStopTruncate()
    {
        Start(("exploration_std", 0.05), ("transitions_per_batch", 8L));
        var learner = Learner();
        Run();
        Episode(EpisodeEvent.EVENT_START);
        SpinUntil(() => _steps.Count >= 16, "steps of the first episode reach the learner");
        _rewards.Publish(new Reward { Header = Stamped(), RewardValue = 1, SuccessProbability = 1, Terminal = true, ModelId = "ground_truth" });
        Episode(EpisodeEvent.EVENT_SUCCESS);
        SpinUntil(() => _steps.Any(t => t.Terminal), "the success ends the episode");
        var success = _steps.Single(t => t.Terminal);
        Assert.Equal(1f, success.Reward);
        Assert.All(_steps.Where(t => !t.Terminal), t => Assert.Equal(0f, t.Reward));

        Episode(EpisodeEvent.EVENT_START);
        SpinUntil(() => _steps.Count >= 30, "steps of the second episode");
        _rewards.Publish(new Reward { Header = Stamped(), Truncated = true });
        // At least: on a loaded machine a dry tick may cut a chain (truncated) too, which is also right.
        SpinUntil(() => _steps.Any(t => t.Truncated), "the time limit truncates it");

        Episode(EpisodeEvent.EVENT_START);
        var count = _steps.Count;
        SpinUntil(() => _steps.Count >= count + 5, "steps of the third episode");
        var truncated = _steps.Count(t => t.Truncated);
        _console.Publish(new SupervisorCommand { Command = SupervisorCommand.COMMAND_STOP, Principal = "operator" });
        SpinUntil(() => _steps.Count(t => t.Truncated) > truncated, "a stop truncates the third");

        var steps = _steps.ToArray();
        Assert.Single(steps, t => t.Terminal);
        Assert.All(steps, t =>
        {
            Assert.Equal(12, t.State.Length);
            Assert.Equal(12, t.NextState.Length);
            Assert.False(t.Intervention);
            for (var j = 0; j < 6; j++)
            {
                // The state ends with the normalized base action (0: the middle); the action is base + residual ≤ α.
                Assert.Equal(0f, t.State[6 + j], 1e-6f);
                Assert.InRange(t.Action[j], -0.1f, 0.1f);
            }
        });
        Assert.Contains(steps, t => t.Action.Any(a => a != 0)); // exploration noise while training
        SpinUntil(() => learner.TransitionsReceived == steps.Length, "the learner stores every step");
        Assert.Equal(0, learner.TransitionsRejected);
    }

    [Fact]
    public void ForAReward_Model_StepsGoToTheRawTopic_WithTheRawObservationFrames()
    {
        Start(("exploration_std", 0.0), ("transitions_per_batch", 4L), ("transitions_topic", ResidualTopics.RawTransitions));
        Run();
        Episode(EpisodeEvent.EVENT_START);
        SpinUntil(() => _rawSteps.Count >= 8, "steps reach the reward model's topic");

        Assert.Empty(_steps); // the learner gets them only relabelled
        var steps = _rawSteps.ToArray();
        var measured = _measured.ToArray();
        for (var i = 0; i < steps.Length; i++)
        {
            // The frame is the base's state features before normalization (the sidecar's std is 2, so the state is half
            // of it): here the six positions of a joint_states.
            Assert.Equal(6, steps[i].Frame.Length);
            Assert.Equal(6, steps[i].NextFrame.Length);
            var frame = steps[i].Frame;
            Assert.Contains(measured, m => m.Select((v, j) => Math.Abs(v - frame[j])).Max() < 1e-6);
            Assert.All(frame, (v, j) => Assert.Equal(v / 2, steps[i].State[j], 1e-6f));
            if (i > 0 && !steps[i - 1].Truncated && !steps[i - 1].Terminal)
            {
                Assert.Equal(steps[i - 1].NextFrame, steps[i].Frame); // consecutive: s′ of one step is s of the next
            }
        }
    }

    [Fact]
    public void HumanSteps_CarryTheTeleopCommand_AndAreFlagged_AndJoinTheDemonstrations()
    {
        Start(("exploration_std", 0.0), ("transitions_per_batch", 4L));
        var learner = Learner();
        Run();
        Episode(EpisodeEvent.EVENT_START);
        SpinUntil(() => _steps.Count >= 4, "policy steps");
        Episode(EpisodeEvent.EVENT_INTERVENTION_BEGIN);
        var target = new double[] { 0.05, 0, 0.1, 0, 0, 0.1 }; // shoulder_pan +0.05: normalized 0.5 (the policy's is 0)
        ulong sequence = 0;
        SpinUntil(() =>
        {
            _teleop.Publish(new CommandRequest { Header = Stamped(), Source = CommandRequest.SOURCE_TELEOP, SourceId = "teleop", ObservationStamp = Stamped().Stamp, Sequence = ++sequence, JointNames = _joints, BasePosition = target, Intervention = true });
            Thread.Sleep(10);
            return _steps.Count(t => t.Intervention) >= 8;
        }, "steps the human drove");
        Episode(EpisodeEvent.EVENT_INTERVENTION_END);

        var steps = _steps.ToArray();
        var first = Array.FindIndex(steps, t => t.Intervention);
        Assert.All(steps[..first], t => Assert.Equal(0f, t.Action[0]));
        // A step with a teleop request carries it; one the window covered with none (a late spin on a loaded machine)
        // carries where the arm went: a good share carry the request.
        var human = steps.Where(t => t.Intervention).ToList();
        Assert.True(human.Count(t => Math.Abs(t.Action[0] - 0.5f) < 1e-4) * 4 >= human.Count, $"human actions [{string.Join(", ", human.Select(t => t.Action[0]))}]");
        Assert.All(human, t => Assert.InRange(t.Action[0], 0f, 0.5f + 1e-4f));
        SpinUntil(() => learner.DemoSize >= 8, "the learner keeps them with the demonstrations too");
        SpinUntil(() => Math.Abs(Measured("shoulder_pan") - 0.05) < 0.01, "the human's command moved the arm", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void NotDriving_TheNodeSendsNothing_AndRecordsTheExpertsStepsAsDemonstrations()
    {
        Start(("drive", false), ("transitions_per_batch", 4L));
        ulong sequence = 0;
        double[] target = [0, 0, 0, 0, 0, 0];
        void Expert() => _teleop.Publish(new CommandRequest { Header = Stamped(), Source = CommandRequest.SOURCE_SCRIPTED, SourceId = "sim_episodes", ObservationStamp = Stamped().Stamp, Sequence = ++sequence, JointNames = _joints, BasePosition = target });
        SpinUntil(() =>
        {
            Expert();
            Thread.Sleep(10);
            return _latest is not null;
        }, "joint states");
        Arm(Expert);
        target = [0.05, 0, 0.1, 0, 0, 0.1]; // shoulder_pan normalized 0.5
        Episode(EpisodeEvent.EVENT_START);
        SpinUntil(() =>
        {
            Expert();
            Thread.Sleep(10);
            return _steps.Count >= 8;
        }, "the expert's steps are recorded");

        Assert.Empty(_sent); // not one request of its own, not even a hold
        var steps = _steps.ToArray();
        Assert.All(steps, t => Assert.True(t.Intervention));
        Assert.True(steps.Count(t => Math.Abs(t.Action[0] - 0.5f) < 1e-4) * 4 >= steps.Length, $"expert actions [{string.Join(", ", steps.Select(t => t.Action[0]))}]");
    }

    [Fact]
    public void ZeroBase_SendsTheWholeActionAsTheBase_WithNoResidualToCap()
    {
        Start(("zero_base", true), ("alpha", 1.0), ("exploration_std", 0.0));
        Run();
        var running = _sent.Count;
        SpinUntil(() => _sent.Count > running + 10, "commands while running");
        var driving = _sent.Skip(running + 5).ToList();
        Assert.All(driving, c =>
        {
            Assert.Empty(c.ResidualPosition);
            for (var j = 0; j < _joints.Length; j++)
            {
                Assert.Equal(_baseAction[j], c.BasePosition[j], 6); // zero network, zero base: the middle of the range
            }
        });
    }

    [Fact]
    public void TheNode_IsAnExecutableOfTheCatalog_AndSaysWhatItLacks()
    {
        Assert.Contains("residual_policy", NodeCatalog.Executables.Select(e => e.Name));
        var error = Assert.Throws<PolicyLoadException>(() => new ResidualPolicyNode(_env.Context, "residual_policy", new NodeOptions(), (_, _) => Model()));
        Assert.Contains("base_policy", error.Message, StringComparison.Ordinal);
    }

    private ResidualPolicyNode Start(params (string Name, object Value)[] parameters)
    {
        var overrides = new Dictionary<string, object?> { ["base_policy"] = Sidecar(), ["execution_provider"] = "cpu", ["hidden"] = new long[] { 8 } };
        foreach (var (name, value) in parameters)
        {
            overrides[name] = value;
        }

        var node = new ResidualPolicyNode(_env.Context, "residual_policy", new NodeOptions { ParameterOverrides = overrides }, (_, _) => Model());
        _env.Executor.Add(node);
        return node;
    }

    private LearnerNode Learner()
    {
        var learner = new LearnerNode(_env.Context, "learner", new NodeOptions
        {
            ParameterOverrides = new Dictionary<string, object?>
            {
                ["observation_size"] = 6L, ["action_size"] = 6L, ["hidden"] = new long[] { 8 }, ["critics"] = 2L, ["batch_size"] = 8L,
                ["learning_starts"] = 8L, ["publish_every"] = 1000L, ["status_period_s"] = 0.1,
            },
        });
        _env.Executor.Add(learner);
        return learner;
    }

    private void Run()
    {
        SpinUntil(() => !_sent.IsEmpty && _latest is not null, "the node asks to hold where the arm is");
        Arm(() => { });
    }

    private void Arm(Action eachSpin)
    {
        _console.Publish(new SupervisorCommand { Command = SupervisorCommand.COMMAND_ARM, Principal = "operator" });
        SpinUntil(() =>
        {
            eachSpin();
            return _supervisor.Loop.Supervisor.State == SupervisorState.Armed;
        }, "armed");
        _console.Publish(new SupervisorCommand { Command = SupervisorCommand.COMMAND_START, Principal = "operator" });
        SpinUntil(() =>
        {
            eachSpin();
            return _supervisor.Loop.Supervisor.State == SupervisorState.Running;
        }, "running");
    }

    private void Episode(byte kind) => _events.Publish(new EpisodeEvent { Header = Stamped(), Event = kind, Task = "test", Detail = "probe" });

    private Header Stamped() => new() { Stamp = _probe.Now(), FrameId = string.Empty };

    private void Send(ulong version, Mlp network)
    {
        using var rnet = new MemoryStream();
        NetworkSerializer.Save(rnet, network);
        _weights.Publish(new PolicyWeights { PolicyId = "residual", Version = version, Format = ResidualTopics.RnetFormat, Data = rnet.ToArray() });
    }

    /// <summary>Spins until <paramref name="condition"/>; a timeout says where things stood then. Generous: a loaded 2-core machine.</summary>
    private void SpinUntil(Func<bool> condition, string because, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        Assert.True(_env.Executor.SpinUntil(condition, limit), $"timed out after {limit.TotalSeconds} s spinning until {because} (supervisor {_supervisor.Loop.Supervisor.State}, sent {_sent.Count}, steps {_steps.Count}, log {string.Join(" | ", _env.Log.Records.Select(r => r.Message).TakeLast(3))})");
    }

    private double Measured(string joint) => _latest is { } state ? state.Position[Array.IndexOf(state.Name, joint)] : double.NaN;

    /// <summary>A zero network: every normalized action 0, the middle of each joint's range.</summary>
    private static NetworkPolicyModel Model()
    {
        var network = Mlp.Create(6, [16], 4 * 6, new Rng(3));
        foreach (var p in network.Parameters)
        {
            Array.Clear(p.Value);
        }

        return new NetworkPolicyModel(network, "observation.state", "action", [4, 6]);
    }

    private string Sidecar()
    {
        var path = Path.Combine(_dir, "policy.json");
        new PolicySpec
        {
            PolicyId = "constant",
            ControlRateHz = 20,
            ChunkLength = 4,
            JointNames = _joints,
            Action = new ActionSpec { Min = [-0.1, -0.1, 0, -0.1, -0.1, 0], Max = [0.1, 0.1, 0.2, 0.1, 0.1, 0.2] },
            State = new StateSpec { Input = "observation.state", Features = [.. _joints.Select(j => $"joint_states/{j}")], Mean = new double[6], Std = [2, 2, 2, 2, 2, 2] },
        }.Save(path);
        return path;
    }
}
