using Robotics.Policies.Contract;
using Robotics.Policies.Inference;
using Robotics.Policies.Rewards;
using Robotics.Sim.MuJoCo.Randomization;
using Robotics.Sim.MuJoCo.Runtime;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Cli.Learning;

/// <summary>
/// One recorded simulated episode for the reward-model benchmark (B3): the observation of every frame (frame t is the
/// state after t control steps, the last frame the state the episode ended in, so a success's seated state is
/// scored), the physically measured progress of each frame (<see cref="TaskEvaluation.Progress"/>, the truth the
/// model is judged against, never shown to it) and the frame at which each stage began, from the task's stage events.
/// </summary>
public sealed record RewardRecording
{
    private readonly float[] _states;
    private readonly double[] _progress;
    private readonly int[] _stageStarts;

    public RewardRecording(int seed, bool demonstration, ReadOnlySpan<float> states, int stateSize, ReadOnlySpan<double> progress, ReadOnlySpan<int> stageStarts, bool success, bool timeLimited)
    {
        (_states, _progress, _stageStarts) = (states.ToArray(), progress.ToArray(), stageStarts.ToArray());
        (Seed, Demonstration, StateSize, Success, TimeLimited) = (seed, demonstration, stateSize, success, timeLimited);
        if (_progress.Length * stateSize != _states.Length || _stageStarts.Length == 0 || _stageStarts[0] != 0)
        {
            throw new ArgumentException($"episode {seed}: {_states.Length} state values for {_progress.Length} frames of {stateSize}, stage starts [{string.Join(", ", _stageStarts)}]");
        }
    }

    /// <summary>The episode's seed (one seed, one reproducible episode).</summary>
    public int Seed { get; }

    /// <summary>A scripted expert's demonstration (else a rollout of the base policy).</summary>
    public bool Demonstration { get; }

    public int StateSize { get; }

    /// <summary>T: frames (control steps taken + 1).</summary>
    public int Length => _progress.Length;

    /// <summary>[T, S] row-major observations.</summary>
    public ReadOnlyMemory<float> States => _states;

    /// <summary>Physically measured progress per frame, in [0, 1].</summary>
    public IReadOnlyList<double> Progress => _progress;

    /// <summary>The frame at which stage k began (stage 0 at frame 0; one entry per stage reached).</summary>
    public IReadOnlyList<int> StageStarts => _stageStarts;

    public bool Success { get; }

    /// <summary>The time limit ended the episode.</summary>
    public bool TimeLimited { get; }

    /// <summary>The training episode: stage labels and τ from the stage events (SARM).</summary>
    public RewardEpisode ToEpisode() => RewardEpisode.FromStageEvents(_states, StateSize, _stageStarts, Success, TimeLimited);

    /// <summary>The physical progress as an array (the metrics take arrays).</summary>
    public double[] ProgressArray() => [.. _progress];
}

/// <summary>
/// Collects B3's episodes: variable-speed successful demonstrations of the scripted expert (nominal model) and
/// rollouts of a frozen base policy (under the task's benchmark shift: about half fail, the time limit truncates
/// them), each with per-frame observations, physical progress and stage events.
/// </summary>
public static class RewardData
{
    /// <summary>The stages each task raises, in the order a success reaches them (K = count + 1: stage 0 is before the first).</summary>
    public static IReadOnlyList<TaskStage> StageOrder(string taskName) => taskName switch
    {
        "insertion" => [TaskStage.Contact, TaskStage.Insert],
        "pick_lift" => [TaskStage.Contact, TaskStage.Grasp, TaskStage.Lift],
        "reach" => [TaskStage.Reach],
        _ => throw new CliException($"train reward: no stage order is known for task '{taskName}' (insertion, pick_lift or reach)"),
    };

    /// <summary>
    /// Runs the scripted expert on <paramref name="episodes"/> seeds from <paramref name="firstSeed"/> and keeps the
    /// successes; each episode draws its own speed factor from <paramref name="expertOptions"/>.
    /// </summary>
    public static (List<RewardRecording> Demos, int Failed) CollectDemonstrations(string taskName, int episodes, int firstSeed, ExpertOptions expertOptions, Action<int>? progress = null)
    {
        var order = StageOrder(taskName);
        var (task, expert) = EpisodeTasks.CreateWithExpert(taskName, expertOptions);
        using (task)
        {
            var targets = new double[task.JointCount];
            var demos = new List<RewardRecording>();
            var failed = 0;
            for (var episode = 0; episode < episodes; episode++)
            {
                var seed = firstSeed + episode;
                task.Reset(seed);
                expert.Reset(seed);
                var recording = Record(task, order, seed, demonstration: true, targets, expert.Act);
                if (recording.Success)
                {
                    demos.Add(recording);
                }
                else
                {
                    failed++;
                }

                progress?.Invoke(episode + 1);
            }

            return (demos, failed);
        }
    }

    /// <summary>
    /// Runs the frozen base policy (its chunks scheduled as the policy node would run them) on <paramref name="episodes"/>
    /// seeds from <paramref name="firstSeed"/>, under <paramref name="shift"/> when given; every rollout is kept.
    /// </summary>
    public static List<RewardRecording> CollectRollouts(string taskName, PolicySpec spec, IPolicyModel model, Shift? shift, int episodes, int firstSeed, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        var order = StageOrder(taskName);
        var (task, _) = EpisodeTasks.CreateWithExpert(taskName);
        using (task)
        {
            PolicyValidation.Check(spec, model.Signature, [.. task.JointNames], $"base {spec.PolicyId}");
            if (Math.Abs(spec.ControlRateHz - task.ControlRateHz) > 1e-9)
            {
                throw new CliException($"base {spec.PolicyId} runs at {spec.ControlRateHz} Hz, task {taskName} at {task.ControlRateHz} Hz");
            }

            if (shift is not null)
            {
                task.Randomizer.Shift = shift;
            }

            using var actions = new BaseActions(spec, model);
            var observation = new double[task.ObservationSize];
            var normalized = new float[task.JointCount];
            var physical = new float[task.JointCount];
            var rollouts = new List<RewardRecording>();
            var successes = 0;
            for (var episode = 0; episode < episodes; episode++)
            {
                var seed = firstSeed + episode;
                task.Reset(seed);
                actions.Reset();
                var recording = Record(task, order, seed, demonstration: false, new double[task.JointCount], targets =>
                {
                    task.Observe(observation);
                    actions.Next(task.ControlStep, observation, normalized);
                    actions.Normalizer.Denormalize(normalized, physical);
                    for (var j = 0; j < targets.Length; j++)
                    {
                        targets[j] = physical[j];
                    }
                });
                rollouts.Add(recording);
                successes += recording.Success ? 1 : 0;
                progress?.Invoke(episode + 1, successes);
            }

            return rollouts;
        }
    }

    /// <summary>Steps <paramref name="task"/> (already reset) with <paramref name="act"/> until success or the time limit, recording every frame.</summary>
    private static RewardRecording Record(SimTask task, IReadOnlyList<TaskStage> order, int seed, bool demonstration, double[] targets, SpanAction act)
    {
        var observation = new double[task.ObservationSize];
        var (states, progress) = (new List<float>(), new List<double>());
        var evaluation = task.Evaluate();
        while (true)
        {
            task.Observe(observation);
            foreach (var v in observation)
            {
                states.Add((float)v);
            }

            progress.Add(evaluation.Progress);
            if (evaluation.Success || task.ControlStep >= task.MaxControlSteps)
            {
                break;
            }

            act(targets);
            task.ApplyAction(targets);
            evaluation = task.Evaluate();
        }

        return new RewardRecording(seed, demonstration, [.. states], task.ObservationSize, [.. progress], StageStarts(task.Stages, order, progress.Count), evaluation.Success, timeLimited: !evaluation.Success);
    }

    /// <summary>
    /// The frame at which each stage began: frame t (the state after t control steps) is in stage 1 + i, i the latest
    /// stage of <paramref name="order"/> reached by then (0 before any); a skipped stage is empty (it starts where the
    /// next one does). A stage outside the order is an error, not a silent label.
    /// </summary>
    internal static int[] StageStarts(IReadOnlyList<StageEvent> events, IReadOnlyList<TaskStage> order, int frames)
    {
        var reached = new int[order.Count];
        Array.Fill(reached, int.MaxValue);
        foreach (var e in events)
        {
            var index = IndexOf(order, e.Stage);
            if (index < 0)
            {
                throw new InvalidOperationException($"the task raised {e.Stage}, which is not among its stages [{string.Join(", ", order)}]");
            }

            reached[index] = Math.Min(reached[index], Math.Clamp(e.ControlStep, 0, frames - 1));
        }

        // A later stage reached means every earlier one is over by then, even if it was never seen.
        for (var i = order.Count - 2; i >= 0; i--)
        {
            reached[i] = Math.Min(reached[i], reached[i + 1]);
        }

        var starts = new List<int> { 0 };
        starts.AddRange(reached.TakeWhile(r => r != int.MaxValue));
        return [.. starts];
    }

    private static int IndexOf(IReadOnlyList<TaskStage> order, TaskStage stage)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == stage)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Fills joint targets for the next control step.</summary>
    private delegate void SpanAction(Span<double> targets);
}
