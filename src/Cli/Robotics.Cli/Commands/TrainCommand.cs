using System.Diagnostics;
using System.Globalization;
using Robotics.Cli.Learning;
using Robotics.Policies.Training;
using Robotics.Sim.MuJoCo.Runtime;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics train bc</c>: behaviour cloning from a simulated task's scripted expert — collect demonstrations,
/// train a chunk MLP in C#, export <c>policy.onnx</c> + <c>policy.json</c>, save the learning curve as an SVG.
/// </summary>
public static class TrainCommand
{
    public const string Usage = "robotics train bc --task reach|insertion|pick_lift [--demos 200] [--chunk 10] [--steps 4000] [--hidden 256,256] [--batch 256] [--lr 0.001] [--noise 0.0] [--seed 1] [-o DIR]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count > 0 && args[0] == "residual")
        {
            return TrainResidualCommand.Run([.. args.Skip(1)], env);
        }

        if (args.Count > 0 && args[0] == "reward")
        {
            return TrainRewardCommand.Run([.. args.Skip(1)], env);
        }

        if (args.Count > 0 && args[0] == "compare")
        {
            return TrainCompareCommand.Run([.. args.Skip(1)], env);
        }

        var options = new[] { "--task", "--demos", "--chunk", "--steps", "--hidden", "--batch", "--lr", "--noise", "--seed", "-o", "--output" };
        var parsed = new CliArguments(args, "train", [], options.ToDictionary(o => o, o => o == "-o" ? "--output" : o));
        if (parsed.Positional(0, "a method (bc)", Usage) != "bc")
        {
            throw new CliException($"train: unknown method '{parsed.Positionals[0]}' (bc, residual, reward or compare). Usage: {Usage}\n       {TrainResidualCommand.Usage}\n       {TrainRewardCommand.Usage}\n       {TrainCompareCommand.Usage}");
        }

        var taskName = parsed.Get("--task") ?? throw new CliException($"train bc: --task is required. Usage: {Usage}");
        var demos = parsed.GetInt("--demos", 200);
        var seed = parsed.GetInt("--seed", 1);
        var output = parsed.Get("--output") ?? Path.Combine("policies", $"bc_{taskName}");
        var bc = new BcOptions
        {
            ChunkLength = parsed.GetInt("--chunk", 10),
            Steps = parsed.GetInt("--steps", 4000),
            BatchSize = parsed.GetInt("--batch", 256),
            LearningRate = (float)parsed.GetDouble("--lr", 1e-3),
            Hidden = [.. (parsed.Get("--hidden") ?? "256,256").Split(',').Select(h => int.TryParse(h, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new CliException($"--hidden: '{h}' is not a layer width"))],
            Seed = (ulong)seed,
        };
        var expert = new ExpertOptions { TargetNoiseStd = parsed.GetDouble("--noise", 0) };

        var clock = Stopwatch.StartNew();
        var collecting = new ProgressBar(env.Out, "demos   ", demos);
        var (data, failed) = SimDemonstrations.Collect(taskName, demos, seed * 100_000, expert, done => collecting.Report(done));
        env.Out.WriteLine($"{data.Episodes} successful demonstrations ({data.Frames} frames; {failed} failed expert episodes dropped) in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        var training = new ProgressBar(env.Out, "training", bc.Steps);
        var result = BehaviourCloning.Train(data, bc, p => training.Report(p.Step, $"train {p.TrainLoss:0.0000} val {p.ValidationLoss:0.0000}"));
        env.Out.WriteLine($"trained {result.Network} in {clock.Elapsed.TotalSeconds:0.0} s");

        var (task, _) = EpisodeTasks.CreateWithExpert(taskName);
        string sidecar;
        using (task)
        {
            sidecar = PolicyPackage.Save(output, $"bc_{taskName}", result, task.JointNames, SimDemonstrations.Features(task), task.ControlRateHz, new Dictionary<string, string>
            {
                ["task"] = taskName,
                ["demonstrations"] = data.Episodes.ToString(CultureInfo.InvariantCulture),
                ["frames"] = data.Frames.ToString(CultureInfo.InvariantCulture),
                ["steps"] = bc.Steps.ToString(CultureInfo.InvariantCulture),
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            });
        }

        var curve = Path.Combine(output, "learning_curve.svg");
        SvgChart.Save(curve, $"behaviour cloning, {taskName}", "step", "MSE (normalized actions)",
            [("train", result.Curve.Select(p => ((double)p.Step, p.TrainLoss)).ToList()), ("validation", result.Curve.Select(p => ((double)p.Step, p.ValidationLoss)).ToList())], logY: true);
        env.Out.WriteLine($"wrote {sidecar}, {Path.Combine(output, "policy.onnx")} and {curve}");
        env.Out.WriteLine($"next: robotics policy eval --policy {sidecar} --task {taskName}   or   robotics demo --task {taskName} --policy {sidecar}");
        return 0;
    }
}
