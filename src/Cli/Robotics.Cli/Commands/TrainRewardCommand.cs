using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Robotics.Cli.Learning;
using Robotics.Policies.Contract;
using Robotics.Policies.Onnx;
using Robotics.Policies.Rewards;
using Robotics.Sim.MuJoCo.Randomization;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics train reward</c>: benchmark B3's reward model in simulation (LEARNING.md §4–5). Collects variable-speed
/// successful demonstrations of the scripted expert and rollouts of a frozen base policy under the task's benchmark
/// shift (about half fail), each with physically measured progress and stage events; trains the stage-aware reward
/// model (SARM targets, rewind augmentation, success head) on 80 % of each by seed; judges it on the other 20 %: VOC,
/// rollout ρ against the physical progress (and the same ρ of linear-time labels, the baseline), success AUROC and
/// pairwise order accuracy. Prints a pass/fail table, writes results.json, the learning curve and a predicted-vs-true
/// progress plot as SVG, the model (reward.rnet + reward.json) and reward.onnx.
/// </summary>
public static class TrainRewardCommand
{
    public const string Usage = "robotics train reward --task insertion --base DIR/policy.json [--demos 100] [--rollouts 100] [--steps 3000] [--seed 1] [--hidden 256,256] [--context 4] [--stride 3] [--rewind 0.5] [--batch 256] [--lr 0.0003] [--speed 0.8,1.25] [--noise 0.0005] [--holdout 0.2] [--pairwise] [--no-shift] [-o DIR]";

    private const int DemoSeedOffset = 0;
    private const int RolloutSeedOffset = 50_000;

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);
        var names = new[] { "--task", "--base", "--demos", "--rollouts", "--steps", "--seed", "--hidden", "--context", "--stride", "--rewind", "--batch", "--lr", "--speed", "--noise", "--holdout", "-o", "--output" };
        var parsed = new CliArguments(args, "train reward", ["--pairwise", "--no-shift"], names.ToDictionary(o => o, o => o == "-o" ? "--output" : o));
        if (parsed.Positionals.Count > 0)
        {
            throw new CliException($"train reward: unexpected argument '{parsed.Positionals[0]}'. Usage: {Usage}");
        }

        var taskName = parsed.Get("--task") ?? throw new CliException($"train reward: --task is required. Usage: {Usage}");
        var stageOrder = RewardData.StageOrder(taskName);
        var sidecar = parsed.Get("--base") ?? throw new CliException($"train reward: --base (the frozen policy's policy.json, e.g. from robotics train bc) is required. Usage: {Usage}");
        var demoCount = parsed.GetInt("--demos", 100);
        var rolloutCount = parsed.GetInt("--rollouts", 100);
        var holdout = parsed.GetDouble("--holdout", 0.2);
        if (demoCount < 2 || rolloutCount < 2)
        {
            throw new CliException($"train reward: --demos and --rollouts must each be at least 2 (some to train on, some held out); got {demoCount} and {rolloutCount}");
        }

        if (!(holdout is > 0 and < 1))
        {
            throw new CliException($"train reward: --holdout is the fraction held out for the benchmark, in (0, 1); got {holdout.ToString(CultureInfo.InvariantCulture)}");
        }

        var seed = parsed.GetInt("--seed", 1);
        var speed = ParseRange(parsed.Get("--speed") ?? "0.8,1.25");
        var expert = new ExpertOptions { TargetNoiseStd = parsed.GetDouble("--noise", 0.0005), SpeedFactor = speed };
        var options = Options(parsed, stageOrder.Count + 1, seed);
        var shift = parsed.Has("--no-shift") ? null : BenchmarkShift(taskName);
        var output = parsed.Get("--output") ?? Path.Combine("policies", $"reward_{taskName}_seed{seed}");
        if (!File.Exists(sidecar))
        {
            throw new CliException($"train reward: --base {sidecar} does not exist (make a base with: robotics train bc --task {taskName} -o DIR, then pass DIR/policy.json)");
        }

        var wall = Stopwatch.StartNew();
        var spec = PolicySpec.Load(sidecar);
        using var model = OnnxPolicyModel.Load(spec.ModelPath(sidecar), ExecutionProvider.Cpu);
        env.Out.WriteLine($"reward model on {taskName}: K = {options.Stages} stages (none, {string.Join(", ", stageOrder)}), base {spec.PolicyId} under {(shift is null ? "the nominal model" : shift.ToString())}, seed {seed}");

        var clock = Stopwatch.StartNew();
        var demoBar = new ProgressBar(env.Out, "demos   ", demoCount);
        var (demos, failedDemos) = RewardData.CollectDemonstrations(taskName, demoCount, (seed * 100_000) + DemoSeedOffset, expert, done => demoBar.Report(done));
        if (demos.Count < 2)
        {
            throw new CliException($"train reward: only {demos.Count} of {demoCount} expert demonstrations succeeded; at least 2 are needed (narrow --speed or lower --noise)");
        }

        env.Out.WriteLine($"{demos.Count} successful demonstrations at speed ×{speed.Min.ToString(CultureInfo.InvariantCulture)}–{speed.Max.ToString(CultureInfo.InvariantCulture)} ({demos.Sum(d => d.Length)} frames; {failedDemos} failed, dropped) in {clock.Elapsed.TotalSeconds:0.0} s");

        clock.Restart();
        var rolloutBar = new ProgressBar(env.Out, "rollouts", rolloutCount);
        var rollouts = RewardData.CollectRollouts(taskName, spec, model, shift, rolloutCount, (seed * 100_000) + RolloutSeedOffset, (done, successes) => rolloutBar.Report(done, $"{successes} successes"));
        var rolloutSuccesses = rollouts.Count(r => r.Success);
        env.Out.WriteLine($"{rollouts.Count} base rollouts, {rolloutSuccesses} successes ({(double)rolloutSuccesses / rollouts.Count:P0}), {rollouts.Count - rolloutSuccesses} time-limited failures, in {clock.Elapsed.TotalSeconds:0.0} s");

        var (trainDemos, heldDemos) = Split(demos, holdout);
        var (trainRollouts, heldRollouts) = Split(rollouts, holdout);
        var training = trainDemos.Concat(trainRollouts).Select(r => r.ToEpisode()).ToList();
        env.Out.WriteLine($"training on {trainDemos.Count} demonstrations + {trainRollouts.Count} rollouts; held out (highest seeds): {heldDemos.Count} + {heldRollouts.Count}");

        clock.Restart();
        var bar = new ProgressBar(env.Out, "training", options.Steps);
        var result = RewardModelTrainer.Train(training, options, p => bar.Report(p.Step, $"train {p.TrainLoss:0.0000} val {p.ValidationLoss:0.0000}"));
        var trainingSeconds = clock.Elapsed.TotalSeconds;
        env.Out.WriteLine($"trained in {trainingSeconds:0.0} s; ᾱ = [{string.Join(", ", result.Model.StageFractions.Select(f => f.ToString("0.000", CultureInfo.InvariantCulture)))}]");

        var benchmark = RewardBenchmark.Evaluate(result.Model, heldDemos, heldRollouts);
        wall.Stop();
        PrintTable(env.Out, benchmark);
        env.Out.WriteLine($"wall clock {wall.Elapsed.TotalSeconds:0.0} s (training {trainingSeconds:0.0} s)");

        Directory.CreateDirectory(output);
        var curve = Path.Combine(output, "learning_curve.svg");
        SvgChart.Save(curve, $"reward model, {taskName}, seed {seed}", "step", "loss (stage CE + τ MSE + success BCE)",
            [("train", result.Curve.Select(p => ((double)p.Step, p.TrainLoss)).ToList()), ("validation", result.Curve.Select(p => ((double)p.Step, p.ValidationLoss)).ToList())], logY: true);
        var plot = Path.Combine(output, "progress.svg");
        SaveProgressPlot(plot, result.Model, heldRollouts, taskName);
        var frames = Path.Combine(output, "held_out_frames.csv");
        SaveFrames(frames, result.Model, heldDemos.Concat(heldRollouts));
        result.Model.Save(output);
        var onnx = Path.Combine(output, "reward.onnx");
        result.Model.ExportOnnx(onnx);
        var json = Results(taskName, spec, seed, options, expert, shift, demoCount, demos.Count, rollouts, trainDemos.Count, trainRollouts.Count, benchmark, result, wall.Elapsed.TotalSeconds, trainingSeconds);
        var results = Path.Combine(output, "results.json");
        File.WriteAllText(results, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        env.Out.WriteLine($"wrote {results}, {curve}, {plot}, {frames}, {Path.Combine(output, "reward.json")} and {onnx}");
        return 0;
    }

    private static RewardModelOptions Options(CliArguments parsed, int stages, int seed)
    {
        var context = parsed.GetInt("--context", 4);
        var stride = parsed.GetInt("--stride", 3);
        var rewind = parsed.GetDouble("--rewind", 0.5);
        var steps = parsed.GetInt("--steps", 3000);
        var batch = parsed.GetInt("--batch", 256);
        var lr = parsed.GetDouble("--lr", 3e-4);
        if (context is < 1 or > 16 || stride < 1 || rewind > 1 || steps < 1 || batch < 1 || !(lr > 0))
        {
            throw new CliException($"train reward: --context must be in [1, 16], --stride, --steps and --batch ≥ 1, --rewind in [0, 1], --lr > 0; got context {context}, stride {stride}, steps {steps}, batch {batch}, rewind {rewind.ToString(CultureInfo.InvariantCulture)}, lr {lr.ToString(CultureInfo.InvariantCulture)}");
        }

        return new RewardModelOptions(stages)
        {
            Hidden = [.. (parsed.Get("--hidden") ?? "256,256").Split(',').Select(h => int.TryParse(h, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new CliException($"--hidden: '{h}' is not a layer width"))],
            ContextFrames = context,
            ContextStride = stride,
            RewindProbability = rewind,
            Steps = steps,
            BatchSize = batch,
            LearningRate = (float)lr,
            PairwiseHead = parsed.Has("--pairwise"),
            EvaluateEvery = Math.Max(1, steps / 60),
            Seed = (ulong)seed,
        };
    }

    private static UniformRange ParseRange(string text)
    {
        var parts = text.Split(',');
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0 ? v : double.NaN).ToArray();
        return values.Length is 1 or 2 && !values.Any(double.IsNaN) && values[0] <= values[^1]
            ? new UniformRange(values[0], values[^1])
            : throw new CliException($"train reward: --speed is a speed factor or a range MIN,MAX of factors > 0 (e.g. 0.8,1.25); got '{text}'");
    }

    private static Shift BenchmarkShift(string taskName) => taskName switch
    {
        "insertion" => InsertionTask.BenchmarkShift,
        "pick_lift" => PickLiftTask.BenchmarkShift,
        _ => throw new CliException($"train reward: task {taskName} has no benchmark shift; pass --no-shift"),
    };

    /// <summary>The last <paramref name="fraction"/> by seed held out (at least one), the rest for training (at least one).</summary>
    private static (List<RewardRecording> Train, List<RewardRecording> Held) Split(List<RewardRecording> recordings, double fraction)
    {
        var ordered = recordings.OrderBy(r => r.Seed).ToList();
        var held = Math.Clamp((int)Math.Round(ordered.Count * fraction), 1, ordered.Count - 1);
        return (ordered[..^held], ordered[^held..]);
    }

    private static void PrintTable(TextWriter output, RewardBenchmarkResult b)
    {
        static string Verdict(bool pass) => pass ? "PASS" : "FAIL";
        static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine();
        output.WriteLine($"B3 reward model on held-out data ({b.HeldOutDemos} demonstrations, {b.HeldOutRollouts} rollouts of which {b.HeldOutRolloutSuccesses} succeeded)");
        output.WriteLine($"{"metric",-44} {"value",7} {"needs",16} {"",5}");
        output.WriteLine($"{"VOC (held-out successful demos)",-44} {F(b.Voc),7} {"≥ 0.9",16} {Verdict(b.VocPasses),5}");
        output.WriteLine($"{"rollout ρ (pooled, vs physical progress)",-44} {F(b.RolloutRho),7} {$"≥ 0.7, > {F(b.LinearTimeRho)}",16} {Verdict(b.RhoPasses),5}");
        output.WriteLine($"{"  linear-time labels t/T (baseline)",-44} {F(b.LinearTimeRho),7}");
        output.WriteLine($"{"  stage labels (SARM targets, reference)",-44} {F(b.StageLabelRho),7}");
        output.WriteLine($"{"success AUROC (last frame, all held out)",-44} {F(b.Auroc),7} {"≥ 0.95",16} {Verdict(b.AurocPasses),5}");
        output.WriteLine($"{"  rollouts alone",-44} {F(b.RolloutAuroc),7}");
        output.WriteLine($"{"pairwise order accuracy (rollouts)",-44} {F(b.OrderAccuracy),7} {"(reported)",16}");
        output.WriteLine($"{"  linear-time labels",-44} {F(b.LinearTimeOrderAccuracy),7}");
        output.WriteLine($"B3 (reward model part): {(b.Passes ? "PASS" : "FAIL")}");
    }

    /// <summary>Predicted against true progress over up to two held-out rollouts: the first success and the first failure.</summary>
    private static void SaveProgressPlot(string path, RewardModel model, List<RewardRecording> heldRollouts, string taskName)
    {
        var shown = new[] { heldRollouts.FirstOrDefault(r => r.Success), heldRollouts.FirstOrDefault(r => !r.Success) }.OfType<RewardRecording>().ToList();
        var series = new List<(string, IReadOnlyList<(double, double)>)>();
        foreach (var rollout in shown)
        {
            var (predicted, _) = RewardBenchmark.Predict(model, rollout);
            var label = $"{rollout.Seed} {(rollout.Success ? "success" : "failure")}";
            series.Add(($"{label}: predicted", predicted.Select((p, t) => ((double)t, p)).ToList()));
            series.Add(($"{label}: true", rollout.Progress.Select((p, t) => ((double)t, p)).ToList()));
        }

        SvgChart.Save(path, $"reward model on held-out rollouts, {taskName}", "control step", "progress", series);
    }

    /// <summary>Every held-out frame: seed, kind, outcome, t, true, predicted, linear-time and stage-label progress, predicted stage and success probability.</summary>
    private static void SaveFrames(string path, RewardModel model, IEnumerable<RewardRecording> recordings)
    {
        var fractions = model.StageFractions.ToArray();
        using var writer = new StreamWriter(path);
        writer.WriteLine("seed,kind,success,t,true_progress,predicted_progress,linear_time,stage_label_progress,stage_label,predicted_stage,success_probability");
        foreach (var recording in recordings)
        {
            var episode = recording.ToEpisode();
            var labels = StageProgress.Targets(episode, fractions);
            var linear = RewardBenchmark.LinearTime(recording.Length);
            var predictions = model.PredictEpisode(recording.States.Span);
            var stages = episode.Stages.Span;
            for (var t = 0; t < recording.Length; t++)
            {
                var p = predictions[t];
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{recording.Seed},{(recording.Demonstration ? "demo" : "rollout")},{(recording.Success ? 1 : 0)},{t},{recording.Progress[t]:0.####},{p.Progress:0.####},{linear[t]:0.####},{labels[t]:0.####},{stages[t]},{p.Stage},{p.SuccessProbability:0.####}"));
            }
        }
    }

    private static JsonObject Results(string taskName, PolicySpec spec, int seed, RewardModelOptions options, ExpertOptions expert, Shift? shift, int demosRun, int demosKept, List<RewardRecording> rollouts,
        int trainDemos, int trainRollouts, RewardBenchmarkResult b, RewardTrainingResult result, double wallSeconds, double trainingSeconds)
    {
        static JsonNode? N(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 4)) : null;
        return new JsonObject
        {
            ["task"] = taskName,
            ["base_policy"] = spec.PolicyId,
            ["seed"] = seed,
            ["shift"] = shift?.ToString(),
            ["stages"] = options.Stages,
            ["stage_fractions"] = new JsonArray([.. result.Model.StageFractions.Select(N)]),
            ["demos"] = new JsonObject
            {
                ["run"] = demosRun,
                ["successful"] = demosKept,
                ["speed_factor"] = new JsonArray(expert.SpeedFactor.Min, expert.SpeedFactor.Max),
                ["target_noise_std"] = expert.TargetNoiseStd,
                ["train"] = trainDemos,
                ["held_out"] = b.HeldOutDemos,
            },
            ["rollouts"] = new JsonObject
            {
                ["run"] = rollouts.Count,
                ["successes"] = rollouts.Count(r => r.Success),
                ["train"] = trainRollouts,
                ["held_out"] = b.HeldOutRollouts,
                ["held_out_successes"] = b.HeldOutRolloutSuccesses,
            },
            ["model"] = new JsonObject
            {
                ["hidden"] = new JsonArray([.. options.Hidden.Select(h => (JsonNode)h)]),
                ["steps"] = options.Steps,
                ["batch"] = options.BatchSize,
                ["learning_rate"] = options.LearningRate,
                ["context_frames"] = options.ContextFrames,
                ["context_stride"] = options.ContextStride,
                ["rewind_probability"] = options.RewindProbability,
                ["pairwise_head"] = options.PairwiseHead,
            },
            ["metrics"] = new JsonObject
            {
                ["voc"] = N(b.Voc),
                ["rollout_rho"] = N(b.RolloutRho),
                ["linear_time_rho"] = N(b.LinearTimeRho),
                ["stage_label_rho"] = N(b.StageLabelRho),
                ["success_auroc"] = N(b.Auroc),
                ["success_auroc_rollouts"] = N(b.RolloutAuroc),
                ["order_accuracy"] = N(b.OrderAccuracy),
                ["linear_time_order_accuracy"] = N(b.LinearTimeOrderAccuracy),
            },
            ["thresholds"] = new JsonObject
            {
                ["voc"] = RewardBenchmarkResult.VocThreshold,
                ["rollout_rho"] = RewardBenchmarkResult.RhoThreshold,
                ["success_auroc"] = RewardBenchmarkResult.AurocThreshold,
            },
            ["pass"] = new JsonObject
            {
                ["voc"] = b.VocPasses,
                ["rollout_rho"] = b.RhoPasses,
                ["success_auroc"] = b.AurocPasses,
                ["all"] = b.Passes,
            },
            ["wall_clock_s"] = Math.Round(wallSeconds, 1),
            ["training_s"] = Math.Round(trainingSeconds, 1),
            ["curve"] = new JsonArray([.. result.Curve.Select(p => (JsonNode)new JsonArray(p.Step, N(p.TrainLoss), N(p.ValidationLoss)))]),
        };
    }
}
