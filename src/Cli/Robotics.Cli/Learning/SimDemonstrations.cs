using Robotics.Policies.Training;
using Robotics.Sim.MuJoCo.Runtime;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Cli.Learning;

/// <summary>Demonstrations from a simulated task's scripted expert: the state a policy sees and the target the expert sent.</summary>
public static class SimDemonstrations
{
    /// <summary>
    /// Episodes with seeds <paramref name="firstSeed"/>…; only successful ones are kept (a failed demo teaches failure).
    /// Every other episode starts where the previous one ended, as episodes do on the graph (sim_episodes never
    /// moves the robot between episodes): a policy that only saw starts near home would meet unfamiliar states there.
    /// </summary>
    public static (Demonstrations Demos, int Failed) Collect(string taskName, int episodes, int firstSeed, ExpertOptions? expertOptions, Action<int>? progress = null)
    {
        var (task, expert) = EpisodeTasks.CreateWithExpert(taskName, expertOptions);
        using (task)
        {
            var demos = new Demonstrations(task.ObservationSize, task.JointCount);
            var observation = new double[task.ObservationSize];
            var targets = new double[task.JointCount];
            var failed = 0;
            var end = new double[task.JointCount];
            var hasEnd = false;
            for (var episode = 0; episode < episodes; episode++)
            {
                var (states, actions) = (new List<float>(), new List<float>());
                task.Reset(firstSeed + episode);
                if (hasEnd && episode % 2 == 1)
                {
                    task.PlaceRobot(end);
                }

                expert.Reset(firstSeed + episode);
                var evaluation = task.Evaluate();
                while (!evaluation.Success && task.ControlStep < task.MaxControlSteps)
                {
                    task.Observe(observation);
                    expert.Act(targets);
                    states.AddRange(observation.Select(v => (float)v));
                    actions.AddRange(targets.Select(v => (float)v));
                    task.ApplyAction(targets);
                    evaluation = task.Evaluate();
                }

                task.ReadJointPositions(end);
                hasEnd = true;
                if (evaluation.Success && actions.Count > 0)
                {
                    demos.Add([.. states], [.. actions]);
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

    /// <summary>The sidecar's feature names of the task's observation: joint positions, then its environment state.</summary>
    public static IReadOnlyList<string> Features(SimTask task) =>
        [.. task.JointNames.Select(j => $"joint_states/{j}"), .. task.TaskObservationNames.Select(n => $"environment_state/{n}")];
}
