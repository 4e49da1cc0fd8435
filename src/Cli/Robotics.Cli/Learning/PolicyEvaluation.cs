using System.Diagnostics;
using Robotics.Policies.Chunking;
using Robotics.Policies.Contract;
using Robotics.Policies.Inference;
using Robotics.Sim.MuJoCo.Runtime;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Cli.Learning;

/// <summary>Success rate of a policy over episodes, with its Wilson 95 % interval, and the inference cost.</summary>
public sealed record EvaluationResult(int Episodes, int Successes, double MeanInferenceMs, int BatchSize, long Runs)
{
    public double SuccessRate => Episodes == 0 ? 0 : (double)Successes / Episodes;

    /// <summary>Wilson score interval at 95 % (z = 1.96): honest at small n and near 0 or 1.</summary>
    public (double Low, double High) Wilson95
    {
        get
        {
            if (Episodes == 0)
            {
                return (0, 1);
            }

            const double Z = 1.96;
            var (n, p) = ((double)Episodes, SuccessRate);
            var centre = (p + (Z * Z / (2 * n))) / (1 + (Z * Z / n));
            var half = Z * Math.Sqrt((p * (1 - p) / n) + (Z * Z / (4 * n * n))) / (1 + (Z * Z / n));
            return (Math.Max(0, centre - half), Math.Min(1, centre + half));
        }
    }
}

/// <summary>
/// Runs a policy on simulated episodes directly (no graph, no supervisor: the quick offline number), several
/// environments at once whose observations go through the model in one batched run, each environment with its own
/// chunk scheduler at the task's control rate.
/// </summary>
public static class PolicyEvaluation
{
    public static EvaluationResult Run(PolicySpec spec, IPolicyModel model, string taskName, int episodes, int environments, int firstSeed, ChunkSchedulerOptions? chunking = null, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        environments = Math.Max(1, Math.Min(environments, episodes));
        var tasks = new List<SimTask>();
        try
        {
            for (var i = 0; i < environments; i++)
            {
                tasks.Add(EpisodeTasks.CreateWithExpert(taskName).Task);
            }

            PolicyValidation.Check(spec, model.Signature, tasks[0].JointNames.ToArray(), $"policy {spec.PolicyId}");
            if (Math.Abs(spec.ControlRateHz - tasks[0].ControlRateHz) > 1e-9)
            {
                throw new PolicyLoadException($"policy {spec.PolicyId} runs at {spec.ControlRateHz} Hz, task {taskName} at {tasks[0].ControlRateHz} Hz");
            }

            return Loop(spec, model, tasks, episodes, firstSeed, chunking, progress);
        }
        finally
        {
            foreach (var task in tasks)
            {
                task.Dispose();
            }
        }
    }

    private static EvaluationResult Loop(PolicySpec spec, IPolicyModel model, List<SimTask> tasks, int episodes, int firstSeed, ChunkSchedulerOptions? chunking, Action<int, int>? progress)
    {
        var n = tasks.Count;
        using var runner = new PolicyRunner(spec, model, n);
        var options = chunking ?? new ChunkSchedulerOptions(runner.ActionSize, runner.ChunkLength, ChunkMode.Sync) { ControlRateHz = spec.ControlRateHz };
        var schedulers = tasks.Select(_ => new ChunkScheduler(options)).ToArray();
        var observation = new double[tasks[0].ObservationSize];
        var action = new float[runner.ActionSize];
        var targets = new double[runner.ActionSize];
        var (started, finished, successes, runs, inferenceTicks) = (0, 0, 0, 0L, 0L);
        var active = new bool[n];
        for (var i = 0; i < n && started < episodes; i++, started++)
        {
            tasks[i].Reset(firstSeed + started);
            active[i] = true;
        }

        while (finished < episodes)
        {
            var needs = false;
            for (var i = 0; i < n; i++)
            {
                if (active[i] && schedulers[i].NeedsInference(tasks[i].ControlStep))
                {
                    needs = true;
                }

                tasks[i].Observe(observation);
                runner.SetState(i, observation);
            }

            if (needs)
            {
                var t0 = Stopwatch.GetTimestamp();
                runner.Run();
                inferenceTicks += Stopwatch.GetTimestamp() - t0;
                runs++;
                for (var i = 0; i < n; i++)
                {
                    if (active[i] && schedulers[i].NeedsInference(tasks[i].ControlStep))
                    {
                        schedulers[i].AddChunk(tasks[i].ControlStep, runner.Chunk(i), tasks[i].ControlStep);
                    }
                }
            }

            for (var i = 0; i < n; i++)
            {
                if (!active[i])
                {
                    continue;
                }

                var task = tasks[i];
                if (!schedulers[i].TryTake(task.ControlStep, action, out _))
                {
                    throw new InvalidOperationException($"environment {i}: no action for step {task.ControlStep} right after inference");
                }

                for (var j = 0; j < action.Length; j++)
                {
                    targets[j] = action[j];
                }

                task.ApplyAction(targets);
                var evaluation = task.Evaluate();
                if (!evaluation.Success && task.ControlStep < task.MaxControlSteps)
                {
                    continue;
                }

                (finished, successes) = (finished + 1, successes + (evaluation.Success ? 1 : 0));
                progress?.Invoke(finished, successes);
                schedulers[i].Reset();
                if (started < episodes)
                {
                    task.Reset(firstSeed + started++);
                }
                else
                {
                    active[i] = false;
                }
            }
        }

        var meanMs = runs == 0 ? 0 : inferenceTicks * 1000.0 / Stopwatch.Frequency / runs;
        return new EvaluationResult(episodes, successes, meanMs, n, runs);
    }
}
