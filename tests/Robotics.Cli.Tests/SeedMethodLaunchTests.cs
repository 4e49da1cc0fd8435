using Robotics.Cli.Commands;
using Robotics.Launch;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Middleware;
using Robotics.Nodes;
using Robotics.Nodes.Reinforcement;
using Robotics.Nodes.Rewards;
using Robotics.Policies.Contract;
using Robotics.Policies.Inference;
using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Cli.Tests;

/// <summary>
/// The seed methods' launch files (issue #7) resolve: every executable is in the catalog, and every parameter they
/// set is one the node declares and accepts — the RL nodes are built from each plan (an in-memory base model, no
/// simulator), so a misspelt or mistyped parameter fails here instead of being ignored at launch.
/// </summary>
public sealed class SeedMethodLaunchTests : IDisposable
{
    private const string RewardModelExecutable = "reward_model";

    private readonly string _dir = Directory.CreateTempSubdirectory("seed-launch-").FullName;

    [Fact]
    public void ResidualRl_RunsTheResidualOnTheBase_BesideTheSimAndALearner()
    {
        var plan = Load("residual_rl.launch.xml", new() { ["base_policy"] = Sidecar(), ["checkpoint_dir"] = Path.Combine(_dir, "ckpt") });
        Assert.Equal(["joint_trajectory_controller", "learner", "residual_policy", "sim_episodes", "supervisor"], plan.Nodes.Select(n => n.Executable).Order(StringComparer.Ordinal));
        Assert.All(plan.Nodes, n => Assert.Equal("/arm", n.Namespace));
        var residual = Node(plan, "residual_policy");
        Assert.Equal(0.1, residual["alpha"]);
        Assert.Equal(new long[] { 256, 256 }, residual["hidden"]);
        Assert.Equal(ResidualTopics.Transitions, residual["transitions_topic"]);
        Assert.Equal(false, residual["zero_base"]);
        Assert.Equal(Path.Combine(_dir, "ckpt"), Node(plan, "learner")["checkpoint_dir"]);
        Assert.Equal(false, Node(plan, "sim_episodes")["expert"]);
        Assert.Equal(new[] { "gantry_x", "gantry_y", "gantry_z" }, Node(plan, "supervisor")["joints"]); // params/insertion.yaml
        BuildRlNodes(plan);
    }

    [Fact]
    public void Rlpd_IsAZeroBaseAtAlphaOne_WithDemosAndAnOptionalSuccessClassifier()
    {
        var plan = Load("rlpd.launch.xml", new() { ["base_policy"] = Sidecar(), ["demos"] = Recording("demos") });
        var residual = Node(plan, "residual_policy");
        Assert.Equal(true, residual["zero_base"]);
        Assert.Equal(1.0, residual["alpha"]);
        Assert.Equal(1.0, Node(plan, "learner")["alpha"]);
        Assert.Equal("rlpd", residual["policy_id"]);
        Assert.Equal(ResidualTopics.Transitions, residual["transitions_topic"]);
        Assert.Equal(0.0, residual["success_threshold"]);
        Assert.DoesNotContain(plan.Nodes, n => n.Executable == RewardModelExecutable); // off by default
        BuildRlNodes(plan);

        var classified = Load("rlpd.launch.xml", new() { ["base_policy"] = Sidecar(), ["reward_model"] = "true", ["reward_model_dir"] = RewardModelDirectory() });
        residual = Node(classified, "residual_policy");
        Assert.Equal(ResidualTopics.RawTransitions, residual["transitions_topic"]);
        Assert.Equal(0.85, residual["success_threshold"]);
        Assert.Equal("reward", residual["reward_topic"]);
        Assert.Equal(RewardModelDirectory(), Node(classified, RewardModelExecutable)["model"]);
        BuildRlNodes(classified);

        var collecting = Load("rlpd.launch.xml", new() { ["base_policy"] = Sidecar(), ["collect_demos"] = "true", ["record_dir"] = _dir });
        Assert.Equal(false, Node(collecting, "residual_policy")["drive"]);
        Assert.Equal(true, Node(collecting, "sim_episodes")["expert"]);
        Assert.Equal(_dir, Node(collecting, "learner")["record_dir"]);
    }

    [Fact]
    public void ResidualShaped_PutsTheRewardModelBetweenTheResidualAndTheLearner()
    {
        var plan = Load("residual_shaped.launch.xml", new() { ["base_policy"] = Sidecar(), ["reward_model"] = RewardModelDirectory(), ["gamma"] = "0.98", ["shaping_scale"] = "0.5" });
        Assert.Equal(ResidualTopics.RawTransitions, Node(plan, "residual_policy")["transitions_topic"]);
        var model = Node(plan, RewardModelExecutable);
        Assert.Equal(RewardModelDirectory(), model["model"]);
        Assert.Equal(0.5, model["shaping_scale"]);
        Assert.Equal(0.98, model["gamma"]);
        Assert.Equal(0.98, Node(plan, "learner")["gamma"]); // Φ's γ is the RL γ (LEARNING.md §4)
        BuildRlNodes(plan);
    }

    [Fact]
    public void Offline_IsTheLearnerAlone_OnARecording()
    {
        var plan = Load("offline.launch.xml", new() { ["offline_dataset"] = Recording("steps"), ["checkpoint_dir"] = Path.Combine(_dir, "ckpt"), ["base_policy"] = Sidecar() });
        Assert.Equal("learner", Assert.Single(plan.Nodes).Executable);
        BuildRlNodes(plan);
    }

    [Fact]
    public void RequiredArguments_AreNamedWhenMissing()
    {
        var error = Assert.Throws<LaunchException>(() => Load("residual_rl.launch.xml", []));
        Assert.Contains("base_policy", error.Message, StringComparison.Ordinal);
        Assert.Contains("offline_dataset", Assert.Throws<LaunchException>(() => Load("offline.launch.xml", [])).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static LaunchPlan Load(string file, Dictionary<string, string> arguments)
    {
        SimHardware.Register(); // sim_episodes lives in the simulator's edge
        var plan = LaunchLoader.Load(Path.Combine(DemoCommand.RepositoryRoot(), "launch", file), arguments);
        var known = NodeCatalog.Executables.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(plan.Nodes, n =>
        {
            Assert.Equal(NodeCatalog.Package, n.Package);
            Assert.True(known.Contains(n.Executable), $"{file}: executable {n.Executable} is not in the catalog");
        });
        return plan;
    }

    private static Dictionary<string, object> Node(LaunchPlan plan, string executable) =>
        plan.Nodes.Single(n => n.Executable == executable).Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    /// <summary>Builds the plan's residual_policy, learner and reward_model with exactly its parameters; each one must be declared.</summary>
    private static void BuildRlNodes(LaunchPlan plan)
    {
        using var context = new RosContext(new ContextOptions());
        foreach (var entry in plan.Nodes.Where(n => n.Executable is "residual_policy" or "learner" or RewardModelExecutable))
        {
            var options = new NodeOptions { Namespace = entry.Namespace, ParameterOverrides = entry.Parameters.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (object?)g.Last().Value, StringComparer.Ordinal) };
            using Node node = entry.Executable switch
            {
                "learner" => new LearnerNode(context, entry.EffectiveName, options),
                RewardModelExecutable => new RewardModelNode(context, entry.EffectiveName, options),
                _ => new ResidualPolicyNode(context, entry.EffectiveName, options, (_, _) => Model()),
            };
            var declared = node.Parameters.Names.ToHashSet(StringComparer.Ordinal);
            Assert.All(entry.Parameters, p => Assert.True(declared.Contains(p.Name), $"{plan.File}: {entry.Executable} has no parameter {p.Name}"));
        }
    }

    /// <summary>A base for the insertion gantry: 3 joints, the joints as its state, chunks of 4.</summary>
    private string Sidecar()
    {
        var path = Path.Combine(_dir, "policy.json");
        string[] joints = ["gantry_x", "gantry_y", "gantry_z"];
        new PolicySpec
        {
            PolicyId = "tiny",
            ControlRateHz = 20,
            ChunkLength = 4,
            JointNames = joints,
            Action = new ActionSpec { Min = [-0.1, -0.1, 0], Max = [0.1, 0.1, 0.2] },
            State = new StateSpec { Input = "observation.state", Features = [.. joints.Select(j => $"joint_states/{j}")], Mean = new double[3], Std = [1, 1, 1] },
        }.Save(path);
        return path;
    }

    /// <summary>A tiny reward model over the base's 3 state values (trained in well under a second), saved once.</summary>
    private string RewardModelDirectory()
    {
        var folder = Path.Combine(_dir, "reward");
        if (!File.Exists(Path.Combine(folder, "reward.json")))
        {
            var episodes = Enumerable.Range(0, 8).Select(_ => RewardEpisode.FromStageEvents([.. Enumerable.Range(0, 30).SelectMany(t => new[] { t / 29f, 0f, 0f })], 3, [0, 15], success: true)).ToList();
            RewardModelTrainer.Train(episodes, new RewardModelOptions(2) { Hidden = [8], Steps = 20, BatchSize = 16 }).Model.Save(folder);
        }

        return folder;
    }

    private static NetworkPolicyModel Model() => new(Mlp.Create(3, [8], 4 * 3, new Rng(1)), "observation.state", "action", [4, 3]);

    /// <summary>A folder holding one recorded batch of a step of that base (3 observation + 3 base action values).</summary>
    private string Recording(string name)
    {
        var folder = Path.Combine(_dir, name);
        using var file = TransitionLog.Create(folder, "rlpd", DateTimeOffset.UnixEpoch);
        TransitionLog.Append(file, new TransitionBatch { PolicyId = "rlpd", Transitions = [new Transition { State = new float[6], Action = new float[3], NextState = new float[6], Terminal = true, Reward = 1 }] });
        return folder;
    }
}
