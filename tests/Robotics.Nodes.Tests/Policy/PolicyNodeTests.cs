using System.Collections.Concurrent;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Nodes.Policy;
using Robotics.Nodes.Safety;
using Robotics.Policies.Contract;
using Robotics.Policies.Inference;
using Robotics.Policies.Learning;
using Robotics.Safety;

namespace Robotics.Nodes.Tests.Policy;

/// <summary>
/// The policy node on the in-process bus with the real supervisor around the in-memory arm, and the in-memory model
/// (our own network, no native library): commands flow and move the arm; a slow model runs the queue dry and the
/// supervisor holds, with no action ever sent twice; a model that returns NaN sends nothing.
/// </summary>
public sealed class PolicyNodeTests : IDisposable
{
    private static readonly string[] _joints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];
    private readonly RosTestEnvironment _env = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("policy-node-").FullName;
    private readonly ConcurrentQueue<CommandRequest> _sent = new();
    private readonly ConcurrentQueue<PolicyStatus> _status = new();
    private readonly SupervisorNode _supervisor;
    private volatile JointState? _latest;

    public PolicyNodeTests()
    {
        _supervisor = new SupervisorNode(_env.Context, "supervisor", new Middleware.NodeOptions
        {
            ParameterOverrides = new Dictionary<string, object?> { ["command_timeout_s"] = 1.0, ["max_observation_age_s"] = 1.0, ["sensor_stale_after_s"] = 0.5, ["sensor_lost_after_s"] = 2.0, ["max_late_ticks_per_second"] = 1000L, ["journal_path"] = Path.Combine(_dir, "journal.jsonl") },
        });
        _env.Executor.Add(_supervisor);
        var probe = _env.CreateNode("probe");
        probe.CreateSubscription<CommandRequest>("cmd/request", _sent.Enqueue);
        probe.CreateSubscription<PolicyStatus>("policy/status", _status.Enqueue);
        probe.CreateSubscription<JointState>("joint_states", s => _latest = s, Middleware.Qos.QosProfile.SensorData);
    }

    public void Dispose()
    {
        _env.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void ConstantPolicy_DrivesTheArmThroughTheSupervisor()
    {
        // Zero network: every normalized action is 0, the middle of [min, max] = elbow_flex 0.1, the rest 0 (START
        // takes a first command within the step cap of where the arm is).
        var node = Start(new SlowModel(Network(), TimeSpan.Zero), "sync");
        Run();
        SpinUntil(() => _supervisor.Loop.Supervisor.State == SupervisorState.Running, "running");
        SpinUntil(() => Measured("elbow_flex") > 0.08, "the arm moves to the policy's target", TimeSpan.FromSeconds(20));
        Assert.All(_sent, c => Assert.Equal(CommandRequest.SOURCE_POLICY, c.Source));
        Assert.Equal(_sent.Count, _sent.Select(c => c.Sequence).Distinct().Count());
        SpinUntil(() => node.Scheduler.ChunksAdded > 2, "chunk after chunk");
    }

    [Fact]
    public void SlowModel_RunsTheQueueDry_TheSupervisorHolds_AndNoActionIsReplayed()
    {
        // Async, chunk of 4 at 20 Hz: the budget is 100 ms. The model answers at once until the arm runs on it, then
        // takes 3 s a run (an overloaded GPU): the queue runs dry for longer than the 1 s command watchdog.
        var model = new SlowModel(Network(), TimeSpan.Zero);
        var node = Start(model, "async");
        Run();
        SpinUntil(() => node.Scheduler.ActionsExecuted > 3, () => Diagnosis("the policy drives", node));
        model.Delay = TimeSpan.FromSeconds(3);
        SpinUntil(() => node.Scheduler.DryTicks > 3, "the queue runs dry", TimeSpan.FromSeconds(20));
        SpinUntil(() => _supervisor.Loop.Supervisor.State == SupervisorState.Hold, "the supervisor holds on its command watchdog", TimeSpan.FromSeconds(20));
        // A dry tick sends nothing: every status of a tick that found the queue dry says no command went out.
        var statuses = _status.ToArray();
        for (var i = 1; i < statuses.Length; i++)
        {
            if (statuses[i].DryTicks > statuses[i - 1].DryTicks)
            {
                Assert.False(statuses[i].Commanded, $"tick {statuses[i].Ticks} was dry and still commanded");
            }
        }

        Assert.Equal(_sent.Count, _sent.Select(c => c.Sequence).Distinct().Count());
        Assert.Contains(_status, s => !s.Commanded && s.DryTicks > 0);
    }

    [Fact]
    public void BeforeStart_ThePolicyAsksToHoldWhereTheArmIs()
    {
        Start(new SlowModel(Network(), TimeSpan.Zero), "sync");
        SpinUntil(() => _sent.Count > 3 && _latest is not null, "hold requests before START");
        var hold = _sent.Last();
        Assert.Equal(Measured("elbow_flex"), hold.BasePosition[Array.IndexOf(hold.JointNames, "elbow_flex")], 3);
    }

    [Fact]
    public void NaNOutput_IsDiscarded_NothingIsSent()
    {
        var model = new SlowModel(Network(), TimeSpan.Zero);
        var node = Start(model, "sync");
        Run();
        SpinUntil(() => node.Scheduler.ActionsExecuted > 3, () => Diagnosis("the policy drives", node));
        var executed = node.Scheduler.ActionsExecuted;
        model.Poisoned = true;
        SpinUntil(() => node.RejectedChunks > 2, "NaN chunks are refused", TimeSpan.FromSeconds(20));
        Assert.All(_sent, c => Assert.All(c.BasePosition, p => Assert.True(double.IsFinite(p))));
        Assert.True(node.Scheduler.ActionsExecuted - executed <= 4, "at most the rest of the last good chunk ran after the poisoning");
        Assert.Contains(_env.Log.Records, r => r.Message.Contains("returned NaN", StringComparison.Ordinal));
    }

    [Fact]
    public void CameraImages_ReachTheModelResizedAndNormalized()
    {
        // The model returns the mean of its 2×2 image input as every action: a 4×2 bgr8 frame, all 255 in the red
        // channel, becomes red = (1 − 0.5) / 0.5 = 1 after resize and normalization, green and blue −1: mean −1/3.
        var sidecar = Sidecar(chunk: 4, images: [new ImageSpec { Input = "observation.images.front", Topic = "camera/image_raw", Width = 2, Height = 2, Mean = [0.5, 0.5, 0.5], Std = [0.5, 0.5, 0.5] }]);
        var node = new PolicyNode(_env.Context, "policy", Options(sidecar, "sync"), (_, _) => new ImageMeanModel());
        _env.Executor.Add(_node = node);
        var camera = _env.CreateNode("camera").CreatePublisher<Image>("camera/image_raw", Middleware.Qos.QosProfile.SensorData);
        byte[] frame = [.. Enumerable.Repeat<byte[]>([0, 0, 255], 8).SelectMany(p => p)];
        Run(() => camera.Publish(new Image { Header = new Messages.StdMsgs.Header { FrameId = "front" }, Width = 4, Height = 2, Encoding = "bgr8", Step = 12, Data = frame }));
        SpinUntil(() => _sent.Any(c => Math.Abs(c.BasePosition[0]) > 0.01), $"the policy runs on the image (executed {node.Scheduler.ActionsExecuted}, rejected {node.RejectedChunks}, log {string.Join(" | ", _env.Log.Records.Select(r => r.Message).TakeLast(3))})");
        // Action range [−0.1, 0.1] (elbow [0, 0.2]): −1/3 maps to −0.0333 (elbow 0.0667). Hold requests are ~0.
        var command = _sent.Last(c => Math.Abs(c.BasePosition[0]) > 0.01);
        Assert.Equal(-0.1 / 3, command.BasePosition[0], 4);
        Assert.Equal(0.2 / 3, command.BasePosition[2], 4);
    }

    [Fact]
    public void SidecarThatDoesNotFitTheModel_IsOneClearErrorAtStart()
    {
        var sidecar = Sidecar(chunk: 4, stateInput: "obs");
        var error = Assert.Throws<PolicyLoadException>(() => new PolicyNode(_env.Context, "policy", Options(sidecar, "sync"), (_, _) => new NetworkPolicyModel(Network(), "observation.state", "action", [4, 6])));
        Assert.Contains("state.input: the model has no input 'obs'", error.Message, StringComparison.Ordinal);
    }

    private PolicyNode? _node;

    private PolicyNode Start(IPolicyModel model, string mode)
    {
        var node = new PolicyNode(_env.Context, "policy", Options(Sidecar(chunk: 4), mode), (_, _) => model);
        _env.Executor.Add(node);
        return _node = node;
    }

    private void SpinUntil(Func<bool> condition, string because, TimeSpan? timeout = null) =>
        _env.SpinUntil(condition, because, timeout ?? TimeSpan.FromSeconds(20));

    /// <summary>As above, with the failure message built when the wait times out (so it shows the state then).</summary>
    private void SpinUntil(Func<bool> condition, Func<string> because)
    {
        var timeout = TimeSpan.FromSeconds(20);
        Assert.True(_env.Executor.SpinUntil(condition, timeout), $"timed out after {timeout.TotalSeconds} s spinning until {because()}");
    }

    private void Run(Action? eachSpin = null)
    {
        var console = _env.CreateNode("console").CreatePublisher<SupervisorCommand>("supervisor/command");
        SpinUntil(() =>
        {
            eachSpin?.Invoke();
            return _status.Any(s => s.Commanded);
        }, "the policy ticks and asks to hold where the arm is");
        console.Publish(new SupervisorCommand { Command = SupervisorCommand.COMMAND_ARM, Principal = "operator" });
        SpinUntil(() => _supervisor.Loop.Supervisor.State == SupervisorState.Armed, "armed");
        console.Publish(new SupervisorCommand { Command = SupervisorCommand.COMMAND_START, Principal = "operator" });
        SpinUntil(() => _supervisor.Loop.Supervisor.State == SupervisorState.Running, $"running ({string.Join(" | ", _env.Log.Records.Select(r => r.Message).TakeLast(4))})");
    }

    /// <summary>What to print when a wait times out: it says where the chain from model to arm stopped.</summary>
    private string Diagnosis(string what, PolicyNode node) =>
        $"{what} (state {_supervisor.Loop.Supervisor.State}, chunks {node.Scheduler.ChunksAdded}, executed {node.Scheduler.ActionsExecuted}, dry {node.Scheduler.DryTicks}, " +
        $"statuses {_status.Count}, last commanded {_status.LastOrDefault()?.Commanded}, failures {string.Join(" | ", _env.CallbackFailures)}, " +
        $"log {string.Join(" | ", _env.Log.Records.Select(r => r.Message).TakeLast(4))})";

    private double Measured(string joint) => _latest is { } state ? state.Position[Array.IndexOf(state.Name, joint)] : double.NaN;

    private static Middleware.NodeOptions Options(string sidecar, string mode) => new()
    {
        ParameterOverrides = new Dictionary<string, object?> { ["policy"] = sidecar, ["mode"] = mode, ["execution_provider"] = "cpu" },
    };

    private static Mlp Network()
    {
        var network = Mlp.Create(6, [16], 4 * 6, new Rng(3));
        foreach (var p in network.Parameters)
        {
            Array.Clear(p.Value);
        }

        return network;
    }

    private string Sidecar(int chunk, string stateInput = "observation.state", IReadOnlyList<ImageSpec>? images = null)
    {
        var path = Path.Combine(_dir, $"policy-{Guid.NewGuid():N}.json");
        new PolicySpec
        {
            PolicyId = "constant",
            ControlRateHz = 20,
            ChunkLength = chunk,
            JointNames = _joints,
            Action = new ActionSpec { Min = [-0.1, -0.1, 0, -0.1, -0.1, 0], Max = [0.1, 0.1, 0.2, 0.1, 0.1, 0.2] },
            Images = images ?? [],
            State = new StateSpec { Input = stateInput, Features = [.. _joints.Select(j => $"joint_states/{j}")], Mean = new double[6], Std = [1, 1, 1, 1, 1, 1] },
        }.Save(path);
        return path;
    }

    /// <summary>State [batch, 6] and a 2×2 image in; every action = the mean of the image input.</summary>
    private sealed class ImageMeanModel : IPolicyModel
    {
        public ModelSignature Signature { get; } = new(
            [new TensorSpec("observation.state", TensorElement.Float32, [-1, 6]), new TensorSpec("observation.images.front", TensorElement.Float32, [-1, 3, 2, 2])],
            [new TensorSpec("action", TensorElement.Float32, [-1, 4, 6])]);

        public string ExecutionProvider => "managed";

        public IModelBinding Bind(IReadOnlyDictionary<string, long[]> shapes) => new Binding();

        public void Dispose()
        {
        }

        private sealed class Binding : IModelBinding
        {
            private readonly float[] _state = new float[6];
            private readonly float[] _image = new float[12];
            private readonly float[] _action = new float[24];

            public Span<float> Floats(string name) => name switch
            {
                "observation.state" => _state,
                "observation.images.front" => _image,
                _ => _action,
            };

            public Span<long> Int64s(string name) => throw new KeyNotFoundException(name);

            public void Run() => Array.Fill(_action, _image.Average());

            public void Dispose()
            {
            }
        }
    }

    /// <summary>An in-memory model whose every run takes at least <paramref name="delay"/> (an overloaded GPU, a big VLA).</summary>
    private sealed class SlowModel(Mlp network, TimeSpan delay) : IPolicyModel
    {
        private readonly NetworkPolicyModel _inner = new(network, "observation.state", "action", [4, 6]);

        public TimeSpan Delay { get; set; } = delay;

        /// <summary>From now on every output holds a NaN (a diverged model).</summary>
        public bool Poisoned { get; set; }

        public ModelSignature Signature => _inner.Signature;

        public string ExecutionProvider => "managed";

        public IModelBinding Bind(IReadOnlyDictionary<string, long[]> shapes) => new Binding(_inner.Bind(shapes), this);

        public void Dispose() => _inner.Dispose();

        private sealed class Binding(IModelBinding inner, SlowModel model) : IModelBinding
        {
            public Span<float> Floats(string name) => inner.Floats(name);

            public Span<long> Int64s(string name) => inner.Int64s(name);

            public void Run()
            {
                Thread.Sleep(model.Delay);
                inner.Run();
                if (model.Poisoned)
                {
                    inner.Floats("action")[5] = float.NaN;
                }
            }

            public void Dispose() => inner.Dispose();
        }
    }
}
