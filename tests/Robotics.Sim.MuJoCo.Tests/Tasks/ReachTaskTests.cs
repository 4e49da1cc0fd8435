using Robotics.Sim.MuJoCo.Tasks;
using Xunit.Abstractions;

namespace Robotics.Sim.MuJoCo.Tests.Tasks;

/// <summary>The SO-arm reach: the IK expert, the do-nothing baseline, the stage and its time.</summary>
public sealed class ReachTaskTests(ITestOutputHelper output)
{
    // 0.01 rad per target is ~3 mm at the tool, well inside the 1 cm radius.
    private const double DemoNoiseRad = 0.01;

    [Fact]
    public void Expert_ReachesTheTargetInAtLeast95Of100NominalEpisodes()
    {
        using var task = new ReachTask();
        using var expert = new ReachExpert(task, TaskRuns.Demonstrations(DemoNoiseRad));
        var results = TaskRuns.Run(task, expert);
        output.WriteLine(TaskRuns.Describe("reach, IK expert, nominal", results));
        Assert.True(TaskRuns.Rate(results) >= 0.95, TaskRuns.Describe("expert", results));
    }

    [Fact]
    public void DoNothing_NeverSucceeds()
    {
        using var task = new ReachTask();
        var results = TaskRuns.Run(task, new HoldPolicy(task), episodes: 5);
        Assert.All(results, r => Assert.False(r.Success));
    }

    [Fact]
    public void Stage_ReachIsRaisedOnceWhenTheToolArrives()
    {
        using var task = new ReachTask();
        using var expert = new ReachExpert(task);
        for (var seed = 0; seed < 10; seed++)
        {
            var result = EpisodeRunner.Run(task, expert, seed);
            Assert.True(result.Success, $"seed {seed}: {task.Distance:F4} m left, IK error {expert.SolutionErrorM:F5} m");
            var reach = Assert.Single(result.Stages);
            Assert.Equal(TaskStage.Reach, reach.Stage);
            Assert.Equal(result.TimeSeconds, reach.TimeSeconds);
            Assert.True(task.Distance <= ReachTask.SuccessRadiusM);
            Assert.InRange(reach.TimeSeconds, 0.1, 4);
        }
    }

    [Fact]
    public void Targets_AreAboveTheTableAndAwayFromTheBase()
    {
        using var task = new ReachTask();
        for (var seed = 0; seed < 50; seed++)
        {
            task.Reset(seed);
            Assert.True(task.Target.Z >= 0.05 && task.Target.HorizontalLength >= 0.12, $"{task.Target}");
            Assert.True(task.Distance > ReachTask.SuccessRadiusM);
        }
    }
}
