using System.Text.Json.Nodes;
using Microsoft.ML.OnnxRuntime;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Time;
using Robotics.Nodes.Policy;
using Robotics.Policies.Contract;
using Robotics.Policies.Inference;
using Robotics.Policies.Learning;
using Robotics.Policies.Onnx;
using Robotics.Policies.Training;

namespace Robotics.Benchmarks;

/// <summary>
/// Issue 6: the policy node's whole tick (observation → normalize → ONNX Runtime run → NaN check → denormalize →
/// chunk scheduler → cmd/request, policy/chunk, policy/status published) in ensemble mode (a model run every tick)
/// against the bare <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// on the same model with preallocated OrtValues (goal ≤ 1.10×); and rows per second with 1, 8, 32 rows in one run.
/// The model is the BC reach policy's size: 12 → 256 → 256 → 10 × 6 with LayerNorm.
/// </summary>
internal static class PolicyBenchmark
{
    private static readonly string[] _joints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    public static JsonObject Run(bool quick)
    {
        var seconds = quick ? 0.5 : 3;
        var dir = Directory.CreateTempSubdirectory("policy-bench-").FullName;
        try
        {
            var sidecar = Package(dir);
            var spec = PolicySpec.Load(sidecar);
            var bare = Bare(spec.ModelPath(sidecar), seconds);
            var node = NodeTick(sidecar, seconds);
            var batches = new JsonObject();
            foreach (var batch in new[] { 1, 8, 32 })
            {
                using var model = OnnxPolicyModel.Load(spec.ModelPath(sidecar), ExecutionProvider.Cpu);
                using var runner = new PolicyRunner(spec, model, batch);
                var state = new double[12];
                var (ns, _) = Measure.PerOp(() =>
                {
                    for (var row = 0; row < batch; row++)
                    {
                        runner.SetState(row, state);
                    }

                    runner.Run();
                }, seconds);
                batches[$"batch_{batch}"] = new JsonObject { ["us_per_run"] = Math.Round(ns / 1e3, 2), ["rows_per_s"] = Math.Round(batch * 1e9 / ns) };
            }

            return new JsonObject
            {
                ["model"] = "MLP 12→256→256→60 (LayerNorm, ReLU), CPU execution provider, 1 intra-op thread",
                ["bare_session_run_us"] = Math.Round(bare / 1e3, 2),
                ["node_tick_us"] = Math.Round(node.Ns / 1e3, 2),
                ["node_tick_bytes"] = Math.Round(node.Bytes),
                ["node_over_bare"] = Math.Round(node.Ns / bare, 3),
                ["goal_node_over_bare"] = "<= 1.10",
                ["throughput"] = batches,
            };
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Package(string dir)
    {
        var network = Mlp.Create(12, [256, 256], 60, new Rng(5), layerNorm: true);
        var result = new BcResult(network, new Normalizer(new double[12], Enumerable.Repeat(1.0, 12).ToArray(), new double[6], Enumerable.Repeat(1.0, 6).ToArray()), new double[12], Enumerable.Repeat(1.0, 12).ToArray(), new double[6], Enumerable.Repeat(1.0, 6).ToArray(), []);
        string[] features = [.. _joints.Select(j => $"joint_states/{j}"), .. Enumerable.Range(0, 6).Select(i => $"environment_state/v{i}")];
        return PolicyPackage.Save(dir, "bench", result, _joints, features, 20);
    }

    private static double Bare(string modelPath, double seconds)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(modelPath, options);
        using var run = new RunOptions();
        var input = new float[12];
        var output = new float[60];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [1, 12]);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(output, [1, 10, 6]);
        string[] inputNames = [PolicyPackage.StateInput];
        string[] outputNames = [PolicyPackage.ActionOutput];
        OrtValue[] inputs = [inputValue];
        OrtValue[] outputs = [outputValue];
        return Measure.PerOp(() => session.Run(run, inputNames, inputs, outputNames, outputs), seconds).NsPerOp;
    }

    private static (double Ns, double Bytes) NodeTick(string sidecar, double seconds)
    {
        var clock = new ManualTimeProvider();
        using var context = new RosContext(new ContextOptions { TimeProvider = clock });
        using var node = new PolicyNode(context, "policy", new NodeOptions
        {
            StartParameterServices = false,
            EnableRosout = false,
            ParameterOverrides = new Dictionary<string, object?> { ["policy"] = sidecar, ["mode"] = "ensemble", ["execution_provider"] = "cpu" },
        }, (path, _) => OnnxPolicyModel.Load(path, ExecutionProvider.Cpu));
        var joints = new JointState { Name = _joints, Position = new double[6], Velocity = [], Effort = [] };
        var environment = new StateVector { Names = [.. Enumerable.Range(0, 6).Select(i => $"v{i}")], Values = new double[6] };
        return Measure.PerOp(() =>
        {
            // One control period later, with fresh data: every call is a new tick that runs the model.
            clock.Advance(TimeSpan.FromMilliseconds(50));
            joints.Header = new Messages.StdMsgs.Header { Stamp = RosTime.ToMessage(clock.GetUtcNow()), FrameId = string.Empty };
            environment.Header = joints.Header;
            node.Observation.Update(joints);
            node.Observation.Update(environment);
            node.TickNow();
        }, seconds);
    }
}
