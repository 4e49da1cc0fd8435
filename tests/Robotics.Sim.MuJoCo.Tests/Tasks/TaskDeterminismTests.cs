using Robotics.Sim.MuJoCo.Randomization;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Tests.Tasks;

/// <summary>One seed is one episode: the same seed replays bit for bit, on the same task object or a new one.</summary>
public sealed class TaskDeterminismTests
{
    // Everything random switched on, so every stream is exercised.
    private static readonly RandomizationOptions _everything = new()
    {
        FrictionScale = new UniformRange(0.8, 1.2),
        MassScale = new UniformRange(0.8, 1.2),
        GainScale = new UniformRange(0.9, 1.1),
        ActuatorOffsetStd = 0.001,
        SensorNoiseStd = 0.001,
    };

    public static TheoryData<string> Tasks => ["reach", "insertion", "pick_lift"];

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Reset_SameSeed_ReplaysTheTrajectoryBitForBit(string name)
    {
        var first = Record(name, seeds: [7]);
        var again = Record(name, seeds: [3, 7]); // another episode first: nothing may leak between episodes
        Assert.Equal(first[7], again[7]);
        Assert.NotEqual(again[3], again[7]);
    }

    private static Dictionary<int, double[]> Record(string name, int[] seeds)
    {
        var (task, expert) = Create(name);
        using (task)
        {
            task.Randomizer.Options = _everything;
            var trajectories = new Dictionary<int, double[]>();
            Span<double> targets = stackalloc double[task.JointCount];
            var observation = new double[task.ObservationSize];
            foreach (var seed in seeds)
            {
                var trajectory = new List<double>();
                task.Reset(seed);
                expert.Reset(seed);
                for (var step = 0; step < 40; step++)
                {
                    expert.Act(targets);
                    task.ApplyAction(targets);
                    task.Observe(observation);
                    trajectory.AddRange(task.Data.Qpos.ToArray());
                    trajectory.AddRange(task.Data.Qvel.ToArray());
                    trajectory.AddRange(observation);
                    trajectory.Add(task.Evaluate().Progress);
                }

                trajectories[seed] = [.. trajectory];
            }

            (expert as IDisposable)?.Dispose();
            return trajectories;
        }
    }

    private static (SimTask Task, ITaskPolicy Expert) Create(string name)
    {
        var options = TaskRuns.Demonstrations(0.001);
        switch (name)
        {
            case "reach":
                var reach = new ReachTask();
                return (reach, new ReachExpert(reach, options));
            case "insertion":
                var insertion = new InsertionTask();
                return (insertion, new InsertionExpert(insertion, options));
            default:
                var pick = new PickLiftTask();
                return (pick, new PickLiftExpert(pick, options));
        }
    }
}
