using Robotics.Middleware;
using Robotics.Nodes.Control;
using Robotics.Nodes.Demo;
using Robotics.Nodes.Reinforcement;
using Robotics.Nodes.Safety;

namespace Robotics.Nodes;

/// <summary>
/// The executables of package <c>robotics</c>: what a launch file's <c>&lt;node pkg="robotics" exec="..."/&gt;</c>
/// and <c>robotics run</c> can start. Adding a node = one line here.
/// </summary>
public static class NodeCatalog
{
    public const string Package = "robotics";

    private static readonly Dictionary<string, (string Description, Func<RosContext, NodeOptions, string?, Node> Create)> _executables = new(StringComparer.Ordinal)
    {
        ["talker"] = ("publishes std_msgs/String on chatter", (c, o, n) => new Talker(c, n ?? "talker", o)),
        ["listener"] = ("logs std_msgs/String from chatter", (c, o, n) => new Listener(c, n ?? "listener", o)),
        ["joint_state_publisher"] = ("publishes sine-wave sensor_msgs/JointState on joint_states", (c, o, n) => new SineJointStatePublisher(c, n ?? "joint_state_publisher", o)),
        ["joint_trajectory_controller"] = ("control_msgs/FollowJointTrajectory action server → cmd/request", (c, o, n) => new JointTrajectoryController(c, n ?? "joint_trajectory_controller", o)),
        ["supervisor"] = ("control loop behind the safety supervisor: cmd/request → hardware, joint_states, supervisor/status", (c, o, n) => new SupervisorNode(c, n ?? "supervisor", o, ControlPlatform)),
        ["policy"] = ("runs a learned policy (ONNX + policy.json) at its control rate: joint_states → cmd/request, policy/chunk, policy/status", (c, o, n) => new Policy.PolicyNode(c, n ?? "policy", o, PolicyModels)),
        ["learner"] = ("residual RL learner (TD3): residual/transitions → residual/weights (versioned), residual/learner_status, checkpoints", (c, o, n) => new LearnerNode(c, n ?? "learner", o)),
        ["reward_model"] = ("reward model (progress, stage, success): observations → reward (shaped, NaN quarantined); relabels residual/transitions_raw → residual/transitions", (c, o, n) => new Rewards.RewardModelNode(c, n ?? "reward_model", o)),
        ["residual"] = ("residual RL actor: versioned residual/weights through the weights gate; queues steps to residual/transitions", (c, o, n) => new ResidualActorNode(c, n ?? "residual", o)),
        ["residual_policy"] = ("residual RL on a frozen base policy at its control rate: cmd/request (base + residual), labelled steps to residual/transitions, weights from residual/weights", (c, o, n) => new ResidualPolicyNode(c, n ?? "residual_policy", o, PolicyModels)),
        ["rate_monitor"] = ("measures a JointState topic's rate and publishes /diagnostics", (c, o, n) => new RateMonitor(c, n ?? "rate_monitor", o)),
    };

    /// <summary>Set once by the composition root (the CLI): servo hardware and real-time scheduling for the supervisor.</summary>
    public static ControlPlatform? ControlPlatform { get; set; }

    /// <summary>Set once by the composition root: opens policy models (ONNX Runtime, an edge this project may not reference).</summary>
    public static Policy.PolicyNode.PolicyModelLoader? PolicyModels { get; set; }

    /// <summary>
    /// Adds an executable that lives in an edge (the simulator's nodes need MuJoCo, which this project may not
    /// reference); called once by the composition root. A name that exists already is refused.
    /// </summary>
    public static void Register(string executable, string description, Func<RosContext, NodeOptions, string?, Node> create)
    {
        lock (_executables)
        {
            if (!_executables.TryAdd(executable, (description, create)) && _executables[executable].Create != create)
            {
                throw new ArgumentException($"executable '{executable}' is registered already", nameof(executable));
            }
        }
    }

    public static IEnumerable<(string Name, string Description)> Executables =>
        _executables.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Description));

    /// <summary>Creates a node; the error lists what exists.</summary>
    public static Node Create(string package, string executable, RosContext context, NodeOptions options, string? name = null)
    {
        if (package != Package)
        {
            throw new KeyNotFoundException($"unknown package '{package}' (this stack provides package '{Package}')");
        }

        return _executables.TryGetValue(executable, out var entry)
            ? entry.Create(context, options, name)
            : throw new KeyNotFoundException($"package '{Package}' has no executable '{executable}'. Available: {string.Join(", ", _executables.Keys.Order(StringComparer.Ordinal))}");
    }
}
