using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Robotics.Cli.Learning;
using Robotics.Policies.Contract;
using Robotics.Policies.Export;
using Robotics.Policies.Learning;
using Robotics.Policies.Onnx;
using Robotics.Policies.Reinforcement;
using Robotics.Policies.Rewards;
using Robotics.Sim.MuJoCo.Runtime;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics train residual</c>: residual RL on a frozen behaviour-cloned base (ResFiT) or RL from scratch with
/// demonstrations (<c>--method rlpd</c>), in simulation under the task's benchmark shift and the supervisor. Prints a
/// final table beside the baselines (base alone, base + random residual), saves the learning curve as SVG, the
/// results as JSON, the actor as RNET and ONNX.
/// </summary>
public static class TrainResidualCommand
{
    public const string Usage = "robotics train residual --task insertion --base DIR/policy.json [--method residual|rlpd] [--steps 40000] [--seed 1] [--alpha 0.1] [--hidden 256,256] [--critics 2] [--utd 1] [--batch 128] [--actor-lr 3e-5] [--critic-lr 1e-4] [--learning-starts 2000] [--demos 60] [--eval 100] [--eval-every 5000] [--curve-episodes 40] [--reward sparse|shaped|progress --reward-model DIR [--shaping-scale 1]] [--skip-baselines] [--no-shift] [-o DIR]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var names = new[] { "--task", "--base", "--method", "--steps", "--seed", "--alpha", "--hidden", "--critics", "--utd", "--batch", "--learning-starts", "--actor-lr", "--critic-lr", "--demos", "--eval", "--eval-every", "--curve-episodes", "--reward", "--reward-model", "--shaping-scale", "-o", "--output" };
        var parsed = new CliArguments(args, "train residual", ["--no-shift", "--skip-baselines"], names.ToDictionary(o => o, o => o == "-o" ? "--output" : o));
        var taskName = parsed.Get("--task") ?? throw new CliException($"train residual: --task is required. Usage: {Usage}");
        var sidecar = parsed.Get("--base") ?? throw new CliException($"train residual: --base (the frozen policy's policy.json) is required. Usage: {Usage}");
        var method = parsed.Get("--method") ?? "residual";
        if (method is not ("residual" or "rlpd"))
        {
            throw new CliException($"train residual: --method is residual or rlpd, not '{method}'");
        }

        var reward = (parsed.Get("--reward") ?? "sparse") switch
        {
            "sparse" => RewardKind.Sparse,
            "shaped" => RewardKind.Shaped,
            "progress" => RewardKind.Progress,
            var other => throw new CliException($"train residual: --reward is sparse, shaped or progress (φ itself, the negative control), not '{other}'"),
        };
        var rewardModel = parsed.Get("--reward-model");
        if ((reward != RewardKind.Sparse) != (rewardModel is not null))
        {
            throw new CliException($"train residual: --reward {reward.ToString().ToLowerInvariant()} {(rewardModel is null ? "needs --reward-model DIR (from robotics train reward)" : "takes no --reward-model (use --reward shaped or progress)")}");
        }

        var seed = parsed.GetInt("--seed", 1);
        var rlpd = method == "rlpd";
        var options = new ResidualRunOptions
        {
            TaskName = taskName,
            Method = method,
            EnvSteps = parsed.GetInt("--steps", 40_000),
            Seed = seed,
            LearningStarts = parsed.GetInt("--learning-starts", 2_000),
            DemoEpisodes = parsed.GetInt("--demos", 60),
            EvalEpisodes = parsed.GetInt("--eval", 100),
            EvalEvery = parsed.GetInt("--eval-every", 5_000),
            CurveEpisodes = parsed.GetInt("--curve-episodes", 40),
            Shift = !parsed.Has("--no-shift"),
            Reward = reward,
            RewardModel = rewardModel,
            ShapingScale = (float)parsed.GetDouble("--shaping-scale", 1.0),
            SkipBaselines = parsed.Has("--skip-baselines"),
            LimitsFile = Path.Combine(DemoCommand.RepositoryRoot(), "launch", "params", $"{taskName}.yaml"),
            Td3 = new ResidualTd3Options
            {
                // From scratch the "residual" is the whole action: no base, the full range.
                Alpha = rlpd ? 1f : (float)parsed.GetDouble("--alpha", 0.1),
                Hidden = [.. (parsed.Get("--hidden") ?? "256,256").Split(',').Select(h => int.TryParse(h, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new CliException($"--hidden: '{h}' is not a layer width"))],
                Critics = parsed.GetInt("--critics", 2),
                UpdatesPerStep = parsed.GetInt("--utd", 1),
                BatchSize = parsed.GetInt("--batch", 128),
                ActorLearningRate = (float)parsed.GetDouble("--actor-lr", 3e-5),
                CriticLearningRate = (float)parsed.GetDouble("--critic-lr", 1e-4),
                Seed = (ulong)seed,
            },
        };
        var output = parsed.Get("--output") ?? Path.Combine("policies", $"{method}{(reward == RewardKind.Sparse ? "" : "_" + reward.ToString().ToLowerInvariant())}_{taskName}_seed{seed}");
        var spec = PolicySpec.Load(sidecar);
        using var model = OnnxPolicyModel.Load(spec.ModelPath(sidecar), ExecutionProvider.Cpu);

        var shaper = rewardModel is null ? null : new RewardShaper(LoadRewardModel(rewardModel), reward, options.ShapingScale, options.Td3.Gamma);
        using var train = CreateEnvironment(options, spec, rlpd ? null : model, out var expert, shaper);
        using var evaluation = CreateEnvironment(options, spec, rlpd ? null : model, out _);
        env.Out.WriteLine($"{method} on {taskName} ({(options.Shift ? train.Supervised.Task.Randomizer.Shift : "nominal")}), base {spec.PolicyId}{(rlpd ? " (not used: from scratch)" : "")}, α {options.Td3.Alpha}, {options.EnvSteps} env steps, seed {seed}, reward {reward.ToString().ToLowerInvariant()}{(rewardModel is null ? "" : $" ({rewardModel}, λ {options.ShapingScale})")}");

        var skip = rlpd || options.SkipBaselines;
        var baseline = skip ? null : ResidualRl.Evaluate(evaluation, EvaluationMode.Base, null, options.EvalEpisodes, ResidualRl.EvaluationSeeds);
        // B1's "base + random residual": the residual network with random weights in every layer (the output layer
        // included, unlike the zero-initialised one that learns), a fixed state-dependent offset within ±α.
        var untrained = new ResidualActor(train.ObservationSize, train.ActionSize, Mlp.Create(train.State.Length, [.. options.Td3.Hidden], train.ActionSize, new Rng((ulong)seed + 77), layerNorm: true, outputActivation: Activation.Tanh), options.Td3.Alpha);
        var random = skip ? null : ResidualRl.Evaluate(evaluation, EvaluationMode.Actor, untrained, options.EvalEpisodes, ResidualRl.EvaluationSeeds);
        var dither = skip ? null : ResidualRl.Evaluate(evaluation, EvaluationMode.UniformNoise, null, options.EvalEpisodes, ResidualRl.EvaluationSeeds, options.Td3.Alpha);
        var bar = new ProgressBar(env.Out, "env steps", options.EnvSteps);
        var result = ResidualRl.Train(train, evaluation, expert, options, (step, detail) => bar.Report(step, detail));
        bar.Report(options.EnvSteps, "done");

        env.Out.WriteLine();
        env.Out.WriteLine($"{"policy",-28} {"success",8} {"Wilson 95 %",14} {"mean |res|",10} {"faults",7}");
        if (baseline is not null && random is not null && dither is not null)
        {
            Row(env.Out, "base alone", baseline);
            Row(env.Out, "base + random residual net", random);
            Row(env.Out, "base + uniform dither ±α", dither);
        }

        Row(env.Out, rlpd ? "RLPD from scratch" : "base + residual (trained)", result.Final);
        if ((train.Supervised.LastFault ?? evaluation.Supervised.LastFault) is { } fault)
        {
            env.Out.WriteLine($"the supervisor stopped an episode; the last cause: {fault}");
        }

        env.Out.WriteLine($"{result.DemoTransitions} demonstration transitions; {result.Faults} supervisor faults during training; wall clock {result.WallClock.TotalMinutes:0.0} min");
        env.Out.WriteLine($"steps to 80 % success (curve of {options.CurveEpisodes} episodes every {options.EvalEvery}): {(StepsTo(result.Curve, 0.8) is { } steps ? steps.ToString(CultureInfo.InvariantCulture) : "not reached")}");
        if (shaper is not null)
        {
            env.Out.WriteLine($"{shaper.Quarantined} steps quarantined (the reward model returned a non-finite value): not learned from");
        }

        Directory.CreateDirectory(output);
        var curve = Path.Combine(output, "learning_curve.svg");
        var series = new List<(string, IReadOnlyList<(double, double)>)> { ($"{method} (success, {options.CurveEpisodes} episodes)", result.Curve.Select(p => ((double)p.Steps, p.Success)).ToList()) };
        if (baseline is not null)
        {
            series.Add(("base alone", [(0, baseline.SuccessRate), (options.EnvSteps, baseline.SuccessRate)]));
        }

        SvgChart.Save(curve, $"{method} on {taskName}, seed {seed}", "environment steps", "success rate", series);
        SaveActor(output, result.Learner);
        File.WriteAllText(Path.Combine(output, "results.json"), Results(options, spec, baseline, random, dither, result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        env.Out.WriteLine($"wrote {curve}, {Path.Combine(output, "results.json")}, {Path.Combine(output, "residual_actor.onnx")}");
        return 0;
    }

    /// <summary>The first curve point at or above <paramref name="rate"/>, or null.</summary>
    public static int? StepsTo(IReadOnlyList<(int Steps, double Success)> curve, double rate) =>
        curve.FirstOrDefault(p => p.Success >= rate) is { Steps: > 0 } point ? point.Steps : null;

    private static RewardModel LoadRewardModel(string directory)
    {
        try
        {
            return RewardModel.Load(directory);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CliException($"train residual: --reward-model {directory}: {e.Message} (robotics train reward -o DIR writes one)");
        }
    }

    private static ResidualEnvironment CreateEnvironment(ResidualRunOptions options, PolicySpec spec, OnnxPolicyModel? model, out ScriptedExpert expert, RewardShaper? shaper = null)
    {
        var (task, scripted) = EpisodeTasks.CreateWithExpert(options.TaskName);
        expert = scripted;
        if (options.Shift)
        {
            task.Randomizer.Shift = task switch
            {
                InsertionTask => InsertionTask.BenchmarkShift,
                PickLiftTask => PickLiftTask.BenchmarkShift,
                _ => throw new CliException($"task {options.TaskName} has no benchmark shift; pass --no-shift"),
            };
        }

        if (model is not null)
        {
            PolicyValidation.Check(spec, model.Signature, [.. task.JointNames], $"base {spec.PolicyId}");
        }
        else if (spec.State.Features.Count != task.ObservationSize || spec.JointNames.Count != task.JointCount)
        {
            throw new CliException($"{spec.PolicyId}'s normalization describes {spec.State.Features.Count} state values and {spec.JointNames.Count} joints; task {options.TaskName} has {task.ObservationSize} and {task.JointCount}");
        }

        return new ResidualEnvironment(new SupervisedTask(task, options.LimitsFile), new BaseActions(spec, model)) { Shaper = shaper, WholeActionAsBase = model is null };
    }

    private static void SaveActor(string output, ResidualTd3 learner)
    {
        using (var file = File.Create(Path.Combine(output, "residual_actor.rnet")))
        {
            NetworkSerializer.Save(file, learner.Actor.Network);
        }

        MlpOnnxExporter.ToGraph(learner.Actor.Network, "residual.input", "residual.tanh", null, "residual_actor").Save(Path.Combine(output, "residual_actor.onnx"));
    }

    private static void Row(TextWriter output, string name, ResidualEvaluation e)
    {
        var (low, high) = e.Wilson95;
        output.WriteLine($"{name,-28} {e.SuccessRate,8:P0} {$"{low:P0}–{high:P0}",14} {e.MeanAbsResidual,10:0.000} {e.Faults,7}");
    }

    private static JsonObject Results(ResidualRunOptions options, PolicySpec spec, ResidualEvaluation? baseline, ResidualEvaluation? random, ResidualEvaluation? dither, ResidualRunResult result)
    {
        static JsonObject Evaluation(ResidualEvaluation e) => new()
        {
            ["episodes"] = e.Episodes,
            ["successes"] = e.Successes,
            ["success_rate"] = e.SuccessRate,
            ["wilson95"] = new JsonArray(e.Wilson95.Low, e.Wilson95.High),
            ["mean_abs_residual"] = e.MeanAbsResidual,
            ["faults"] = e.Faults,
            ["rejections"] = e.Rejections,
            ["residual_caps"] = e.ResidualCaps,
        };

        var json = new JsonObject
        {
            ["task"] = options.TaskName,
            ["method"] = options.Method,
            ["base_policy"] = spec.PolicyId,
            ["seed"] = options.Seed,
            ["env_steps"] = options.EnvSteps,
            ["alpha"] = options.Td3.Alpha,
            ["shift"] = options.Shift,
            ["reward"] = options.Reward.ToString().ToLowerInvariant(),
            ["reward_model"] = options.RewardModel,
            ["shaping_scale"] = options.ShapingScale,
            ["curve_episodes"] = options.CurveEpisodes,
            ["steps_to_80"] = StepsTo(result.Curve, 0.8),
            ["wall_clock_s"] = Math.Round(result.WallClock.TotalSeconds, 1),
            ["training_faults"] = result.Faults,
            ["demo_transitions"] = result.DemoTransitions,
            ["final"] = Evaluation(result.Final),
            ["curve"] = new JsonArray([.. result.Curve.Select(p => (JsonNode)new JsonArray(p.Steps, p.Success))]),
        };
        if (baseline is not null && random is not null && dither is not null)
        {
            json["base"] = Evaluation(baseline);
            json["base_random_residual"] = Evaluation(random);
            json["base_uniform_dither"] = Evaluation(dither);
        }

        return json;
    }
}
