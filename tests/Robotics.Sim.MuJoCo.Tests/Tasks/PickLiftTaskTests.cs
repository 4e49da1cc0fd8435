using Robotics.Sim.MuJoCo.Tasks;
using Xunit.Abstractions;

namespace Robotics.Sim.MuJoCo.Tests.Tasks;

/// <summary>B2 gantry pick-and-lift: the expert, the do-nothing baseline, stages, and the friction/mass shift.</summary>
public sealed class PickLiftTaskTests(ITestOutputHelper output)
{
    private const double DemoNoiseM = 0.001;

    [Fact]
    public void Expert_LiftsTheCubeInAtLeast95Of100NominalEpisodes()
    {
        using var task = new PickLiftTask();
        var results = TaskRuns.Run(task, new PickLiftExpert(task, TaskRuns.Demonstrations(DemoNoiseM)));
        output.WriteLine(TaskRuns.Describe("B2 pick-and-lift, expert, nominal", results));
        Assert.True(TaskRuns.Rate(results) >= 0.95, TaskRuns.Describe("expert", results));
    }

    [Fact]
    public void Expert_UnderLowFrictionAndDoubleMass_DropsTheCube()
    {
        using var task = new PickLiftTask();
        task.Randomizer.Shift = PickLiftTask.BenchmarkShift;
        var results = TaskRuns.Run(task, new PickLiftExpert(task, TaskRuns.Demonstrations(DemoNoiseM)), episodes: 20);
        output.WriteLine(TaskRuns.Describe($"B2 pick-and-lift, expert, {task.Randomizer.Shift}", results));
        Assert.True(TaskRuns.Rate(results) <= 0.5, TaskRuns.Describe("shifted expert", results));
        // It still grasps; the cube slips out while being lifted.
        Assert.All(results, r => Assert.Contains(r.Stages, s => s.Stage == TaskStage.Grasp));
    }

    [Fact]
    public void DoNothing_NeverSucceeds()
    {
        using var task = new PickLiftTask();
        var results = TaskRuns.Run(task, new HoldPolicy(task), episodes: 5);
        Assert.All(results, r => Assert.False(r.Success));
    }

    [Fact]
    public void Stages_ContactThenGraspThenLift_InThatOrder()
    {
        using var task = new PickLiftTask();
        var expert = new PickLiftExpert(task, TaskRuns.Demonstrations(DemoNoiseM));
        for (var seed = 0; seed < 10; seed++)
        {
            var result = EpisodeRunner.Run(task, expert, seed);
            Assert.True(result.Success);
            Assert.Equal([TaskStage.Contact, TaskStage.Grasp, TaskStage.Lift], result.Stages.Select(e => e.Stage));
            var (contact, grasp, lift) = (result.Stages[0].TimeSeconds, result.Stages[1].TimeSeconds, result.Stages[2].TimeSeconds);
            Assert.True(contact > 0.5, $"contact at {contact} s: the gripper starts at least 4 cm above the cube's top");
            Assert.True(contact <= grasp && grasp < lift && lift < result.TimeSeconds, string.Join("; ", result.Stages));
            // From the Lift stage (1 cm) to success (5 cm) is 4 cm at no more than 6 cm/s x 1.25: at least 0.5 s.
            Assert.InRange(result.TimeSeconds - lift, 0.45, 2);
        }
    }
}
