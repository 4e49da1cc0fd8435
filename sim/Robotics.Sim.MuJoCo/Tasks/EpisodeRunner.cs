namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>Runs one episode: reset task and policy with the seed, act until success or the task's time limit.</summary>
public static class EpisodeRunner
{
    public static EpisodeResult Run(SimTask task, ITaskPolicy policy, int seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(policy);
        task.Reset(seed);
        policy.Reset(seed);
        Span<double> targets = stackalloc double[task.JointCount];
        var evaluation = task.Evaluate();
        while (!evaluation.Success && task.ControlStep < task.MaxControlSteps)
        {
            policy.Act(targets);
            task.ApplyAction(targets);
            evaluation = task.Evaluate();
        }

        return new EpisodeResult(seed, evaluation.Success, evaluation.Progress, task.ControlStep, task.Data.Time, [.. task.Stages]);
    }
}
