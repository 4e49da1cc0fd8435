using System.Collections.Concurrent;
using Robotics.Cli.Commands;
using Robotics.Launch;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Execution;
using Robotics.Nodes;
using Robotics.Nodes.Reinforcement;
using Robotics.Nodes.Safety;
using Robotics.Policies.Onnx;
using Robotics.Safety;

namespace Robotics.Cli.Tests;

/// <summary>
/// launch/residual_rl.launch.xml composed in-process on MuJoCo insertion with a tiny behaviour-cloned base (ONNX
/// Runtime serving it): the residual drives through the supervisor with base and residual apart, its labelled steps
/// reach the learner (and its recording), the learner's weights come back to the residual, and the supervisor never
/// leaves RUNNING.
/// </summary>
public sealed class ResidualRlLaunchTests : IDisposable
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(120); // a shared 2-core machine, MuJoCo and ONNX Runtime in one process
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"robotics-resfit-launch-{Guid.NewGuid():N}");

    [Fact]
    public void ResidualRl_OnMuJoCoInsertion_StepsReachTheLearner_WeightsComeBack_NoSupervisorFault()
    {
        var bc = Path.Combine(_dir, "bc");
        using (var cli = new CliTestContext())
        {
            Assert.Equal(0, TrainCommand.Run(["bc", "--task", "insertion", "--demos", "12", "--steps", "150", "--hidden", "32,32", "-o", bc], cli.Env));
        }

        ServoHardware.Register();
        SimHardware.Register();
        NodeCatalog.PolicyModels ??= (path, provider) => OnnxPolicyModel.Load(path, ExecutionProviders.Parse(provider));
        var plan = LaunchLoader.Load(Path.Combine(DemoCommand.RepositoryRoot(), "launch", "residual_rl.launch.xml"), new Dictionary<string, string>
        {
            ["base_policy"] = Path.Combine(bc, "policy.json"),
            ["hidden"] = "[32, 32]",
            ["batch_size"] = "16",
            ["learning_starts"] = "40",
            ["publish_every"] = "10",
            ["checkpoint_dir"] = Path.Combine(_dir, "checkpoints"),
            ["record_dir"] = Path.Combine(_dir, "steps"),
        });
        using var context = new RosContext(new ContextOptions());
        var nodes = Start(plan, context);
        try
        {
            var supervisor = nodes.OfType<SupervisorNode>().Single();
            var residual = nodes.OfType<ResidualPolicyNode>().Single();
            var learner = nodes.OfType<LearnerNode>().Single();
            var commands = new ConcurrentQueue<CommandRequest>();
            var probe = context.CreateNode("probe");
            probe.CreateSubscription<CommandRequest>("/arm/cmd/request", commands.Enqueue);
            using var executor = new SingleThreadedExecutor();
            foreach (var node in nodes.Append(probe))
            {
                executor.Add(node);
            }

            using var spin = new CancellationTokenSource();
            var spinning = new Thread(() => executor.Spin(spin.Token)) { Name = "executor" };
            spinning.Start();
            try
            {
                Eventually(() => supervisor.Loop.TickCount > 20 && !commands.IsEmpty, "the residual asks to hold where the arm is");
                Accept(supervisor.Loop.Request(SupervisorEvent.Arm, Principal.Operator));
                Accept(supervisor.Loop.Request(SupervisorEvent.Start, Principal.Operator));
                Eventually(() => learner.TransitionsReceived >= 80 && residual.WeightsVersion >= 1, () => $"steps reach the learner and its weights come back (received {learner.TransitionsReceived}, learner steps {learner.Steps}, residual weights {residual.WeightsVersion}, supervisor {supervisor.Loop.Supervisor.State})");
                Assert.Equal(SupervisorState.Running, supervisor.Loop.Supervisor.State);
            }
            finally
            {
                spin.Cancel();
                spinning.Join();
            }

            Assert.DoesNotContain(supervisor.Loop.Supervisor.Transitions.ToArray(), t => t.From == SupervisorState.Running);
            Assert.Equal(0, learner.TransitionsRejected);
            Assert.Equal(0, residual.RejectedWeights);
            var driving = commands.Where(c => c.Source == CommandRequest.SOURCE_POLICY && c.ResidualPosition.Length > 0).ToList();
            Assert.NotEmpty(driving);
            Assert.All(driving, c => Assert.Equal(["gantry_x", "gantry_y", "gantry_z"], c.JointNames));
            Assert.Contains(driving, c => c.ResidualPosition.Any(r => r != 0)); // exploration noise on top of the base
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }

        Assert.NotEmpty(TransitionLog.Files(Path.Combine(_dir, "steps")));
        Assert.True(File.Exists(Path.Combine(_dir, "checkpoints", "latest.json")), "the learner checkpoints on exit");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>
    /// The plan's nodes in a fresh context, the simulated world under a name of its own (tests run side by side), the
    /// safety journal in the test folder, and the watchdogs of the other launch tests: this is about wiring, and a
    /// 2-core machine shared with other work stalls threads for longer than insertion.yaml's 0.25 s command timeout.
    /// </summary>
    private IReadOnlyList<Node> Start(LaunchPlan plan, RosContext context)
    {
        var world = $"resfit-{Guid.NewGuid():N}";
        Parameter[] timing =
        [
            new("sim_world", world), new("journal_path", Path.Combine(_dir, "journal.jsonl")), new("command_timeout_s", 1.0),
            new("max_observation_age_s", 1.0), new("max_late_ticks_per_second", 1000L), new("sensor_stale_after_s", 0.5), new("sensor_lost_after_s", 2.0),
        ];
        plan = plan with
        {
            Nodes = [.. plan.Nodes.Select(n => n.Executable switch
            {
                "supervisor" => n with { Parameters = [.. n.Parameters, .. timing] },
                "sim_episodes" => n with { Parameters = [.. n.Parameters, new("sim_world", world)] },
                _ => n,
            })],
        };
        return LaunchCommand.StartComposed(plan, context, TextWriter.Null);
    }

    private static void Accept(EventResult result) => Assert.True(result.Accepted, result.Message);

    private static void Eventually(Func<bool> condition, string what) => Eventually(condition, () => what);

    private static void Eventually(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + _timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {_timeout.TotalSeconds} s waiting until {what()}");
            Thread.Sleep(20);
        }
    }
}
