using System.Diagnostics;
using Robotics.Policies.Learning;
using Robotics.Policies.Reinforcement;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Cli.Learning;

/// <summary>
/// How an evaluation acts: the base alone, the base plus a residual drawn anew each step uniformly in ±α (dithering),
/// or an actor network (trained, or untrained with random weights: the "random residual" baseline).
/// </summary>
public enum EvaluationMode
{
    Base,
    UniformNoise,
    Actor,
}

/// <summary>Success over evaluation episodes, the mean |residual| (normalized units) and what the supervisor did.</summary>
public sealed record ResidualEvaluation(int Episodes, int Successes, double MeanAbsResidual, long Faults, long Rejections, long ResidualCaps)
{
    public double SuccessRate => Episodes == 0 ? 0 : (double)Successes / Episodes;

    public (double Low, double High) Wilson95 => new EvaluationResult(Episodes, Successes, 0, 1, 0).Wilson95;
}

/// <summary>A finished run: the final evaluation, the learning curve (env steps → success) and the cost.</summary>
public sealed record ResidualRunResult(ResidualEvaluation Final, IReadOnlyList<(int Steps, double Success)> Curve, IReadOnlyList<(int Steps, double Loss)> CriticLoss, int DemoTransitions, long Faults, TimeSpan WallClock)
{
    /// <summary>The learner at the end (its actor is what <see cref="Final"/> evaluated), for checkpoints and export.</summary>
    public required ResidualTd3 Learner { get; init; }
}

/// <summary>
/// Residual RL in simulation (ResFiT, LEARNING.md §3), one environment, in-process and supervised: fill with the base
/// plus exploration noise, then one learner step per environment step on half demonstration, half online batches.
/// RLPD from scratch is the same loop with a zero base and α = 1.
/// </summary>
public static class ResidualRl
{
    /// <summary>Evaluation episodes use seeds from here on, the same for every method and training seed.</summary>
    public const int EvaluationSeeds = 900_000_000;

    /// <param name="env">Where the actor explores and the demonstrations are collected.</param>
    /// <param name="evaluation">A second environment for the learning curve, so evaluating never cuts a training episode (and its n-step window) short.</param>
    public static ResidualRunResult Train(ResidualEnvironment env, ResidualEnvironment evaluation, ScriptedExpert expert, ResidualRunOptions options, Action<int, string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var td3 = options.Td3;
        var learner = new ResidualTd3(env.ObservationSize, env.ActionSize, td3);
        var (s, a) = (env.State.Length, env.ActionSize);
        var online = new ReplayBuffer(options.EnvSteps + 1, s, a, td3.NStep, td3.Gamma);
        var demos = CollectDemonstrations(env, expert, options, td3);
        var sampler = new SymmetricSampler(online, demos);
        var rng = new Rng(td3.Seed ^ 0x9E3779B97F4A7C15UL);
        var (state, residual, executed) = (new float[s], new float[a], new float[a]);
        var curve = new List<(int, double)>();
        var losses = new List<(int, double)>();
        var (episode, faults, lossSum, lossCount) = (0, 0L, 0.0, 0);
        env.Reset(TrainingSeed(options, episode));
        for (var step = 1; step <= options.EnvSteps; step++)
        {
            env.State.CopyTo(state, 0);
            if (!learner.Actor.Act(state, residual, executed, rng, td3.ExplorationStd))
            {
                throw new InvalidOperationException($"the observation at step {step} is not finite");
            }

            var outcome = env.Step(executed);
            if (outcome.Quarantined)
            {
                online.DiscardPending(); // no made-up reward, and no n-step return summed across the gap
            }
            else
            {
                online.Add(state, executed, outcome.Reward, env.State, outcome.Terminal, outcome.Truncated);
            }

            faults += outcome.Fault ? 1 : 0;
            if (outcome.Done)
            {
                env.Reset(TrainingSeed(options, ++episode));
            }

            if (step > options.LearningStarts)
            {
                var stats = learner.Update(sampler);
                (lossSum, lossCount) = (lossSum + stats.CriticLoss, lossCount + 1);
            }

            if (step % options.EvalEvery == 0 || step == options.EnvSteps)
            {
                var point = Evaluate(evaluation, EvaluationMode.Actor, learner.Actor, options.CurveEpisodes, EvaluationSeeds + 500_000);
                curve.Add((step, point.SuccessRate));
                faults += point.Faults;
                losses.Add((step, lossCount == 0 ? double.NaN : lossSum / lossCount));
                (lossSum, lossCount) = (0, 0);
            }

            if (step % 200 == 0)
            {
                progress?.Invoke(step, curve.Count == 0 ? $"episode {episode}" : $"episode {episode}, success {curve[^1].Item2:P0} at {curve[^1].Item1}");
            }
        }

        var final = Evaluate(evaluation, EvaluationMode.Actor, learner.Actor, options.EvalEpisodes, EvaluationSeeds);
        return new ResidualRunResult(final, curve, losses, demos.Count, faults + final.Faults, clock.Elapsed) { Learner = learner };
    }

    /// <summary>Runs <paramref name="episodes"/> evaluation episodes without exploration noise.</summary>
    public static ResidualEvaluation Evaluate(ResidualEnvironment env, EvaluationMode mode, ResidualActor? actor, int episodes, int firstSeed, float alpha = 0.1f)
    {
        ArgumentNullException.ThrowIfNull(env);
        var supervised = env.Supervised;
        var (faults0, rejections0, caps0) = (supervised.Faults, supervised.Rejections, supervised.ResidualCaps);
        var a = env.ActionSize;
        var (residual, executed) = (new float[a], new float[a]);
        var rng = new Rng((ulong)firstSeed);
        var (successes, residualSum, residualCount) = (0, 0.0, 0L);
        for (var e = 0; e < episodes; e++)
        {
            env.Reset(firstSeed + e);
            while (true)
            {
                Act(env, mode, actor, rng, alpha, residual, executed);
                for (var j = 0; j < a; j++)
                {
                    residualSum += Math.Abs(residual[j]);
                }

                residualCount += a;
                var outcome = env.Step(executed);
                if (outcome.Done)
                {
                    successes += outcome.Terminal ? 1 : 0;
                    break;
                }
            }
        }

        return new ResidualEvaluation(episodes, successes, residualCount == 0 ? 0 : residualSum / residualCount, supervised.Faults - faults0, supervised.Rejections - rejections0, supervised.ResidualCaps - caps0);
    }

    private static void Act(ResidualEnvironment env, EvaluationMode mode, ResidualActor? actor, Rng rng, float alpha, Span<float> residual, Span<float> executed)
    {
        var baseAction = env.BaseAction;
        switch (mode)
        {
            case EvaluationMode.Actor when actor is not null:
                if (!actor.Act(env.State, residual, executed))
                {
                    throw new InvalidOperationException("the actor refused a non-finite observation");
                }

                return;
            case EvaluationMode.UniformNoise:
                for (var j = 0; j < baseAction.Length; j++)
                {
                    executed[j] = Math.Clamp(baseAction[j] + rng.Uniform(-alpha, alpha), -1f, 1f);
                    residual[j] = executed[j] - baseAction[j];
                }

                return;
            default:
                baseAction.CopyTo(executed);
                residual.Clear();
                return;
        }
    }

    /// <summary>
    /// The scripted expert's successful episodes under the same conditions, as transitions: the state carries the
    /// base's action recomputed on the demo frame (LEARNING.md §3), the action is what the expert sent.
    /// </summary>
    private static ReplayBuffer CollectDemonstrations(ResidualEnvironment env, ScriptedExpert expert, ResidualRunOptions options, ResidualTd3Options td3)
    {
        var (s, a) = (env.State.Length, env.ActionSize);
        var demos = new ReplayBuffer(Math.Max(1, options.DemoEpisodes * env.Supervised.Task.MaxControlSteps), s, a, td3.NStep, td3.Gamma);
        var targets = new double[a];
        var executed = new float[a];
        var episode = new List<(float[] State, float[] Action, StepOutcome Outcome, float[] Next)>();
        for (var e = 0; e < options.DemoEpisodes; e++)
        {
            env.Reset(700_000_000 + (options.Seed * 10_000) + e);
            expert.Reset(env.Supervised.Task.Seed);
            episode.Clear();
            while (true)
            {
                var state = env.State.ToArray();
                expert.Act(targets);
                env.Base.Normalizer.NormalizeAction(targets, executed);
                for (var j = 0; j < a; j++)
                {
                    executed[j] = Math.Clamp(executed[j], -1f, 1f);
                }

                // The expert's command goes to the supervisor whole: sent as base + residual, its distance from the
                // base would be capped at max_residual (1 cm) and under a large shift the expert could not act.
                var outcome = env.Step(executed, asBase: true);
                episode.Add((state, executed.ToArray(), outcome, env.State.ToArray()));
                if (outcome.Done)
                {
                    break;
                }
            }

            // A demonstration the reward model could not score in full is left out rather than stored with gaps.
            if (episode[^1].Outcome.Terminal && !episode.Exists(step => step.Outcome.Quarantined))
            {
                foreach (var (state, action, outcome, next) in episode)
                {
                    demos.Add(state, action, outcome.Reward, next, outcome.Terminal, outcome.Truncated);
                }
            }
        }

        return demos;
    }

    private static int TrainingSeed(ResidualRunOptions options, int episode) => (options.Seed * 1_000_000) + episode;
}
