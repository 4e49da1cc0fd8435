using Robotics.Sim.MuJoCo.Tasks;
using Xunit.Abstractions;

namespace Robotics.Sim.MuJoCo.Tests.Tasks;

/// <summary>B1 peg-in-slot: the open-loop expert, the do-nothing baseline, stages, and the actuator-bias gap.</summary>
public sealed class InsertionTaskTests(ITestOutputHelper output)
{
    // 1 mm per target: the chamfer's 3 mm capture absorbs it; BC demonstrations still vary.
    private const double DemoNoiseM = 0.001;

    [Fact]
    public void Expert_SeatsThePegInAtLeast95Of100NominalEpisodes()
    {
        using var task = new InsertionTask();
        var results = TaskRuns.Run(task, new InsertionExpert(task, TaskRuns.Demonstrations(DemoNoiseM)));
        output.WriteLine(TaskRuns.Describe("B1 insertion, open-loop expert, nominal", results));
        Assert.True(TaskRuns.Rate(results) >= 0.95, TaskRuns.Describe("expert", results));
    }

    [Fact]
    public void Expert_UnderA4mmActuatorBias_SucceedsClearlyLessOften()
    {
        using var task = new InsertionTask();
        task.Randomizer.Shift = InsertionTask.BenchmarkShift;
        // Without target noise the expert is what a behaviour-cloned base executes: its demonstrations' mean.
        var results = TaskRuns.Run(task, new InsertionExpert(task, TaskRuns.Demonstrations(0)));
        output.WriteLine(TaskRuns.Describe($"B1 insertion, open-loop expert without noise, {task.Randomizer.Shift}", results));
        // The slot catches x errors under ~3 mm; a 4 mm bias in a uniform direction has |x| < 3 mm 54 % of the time
        // (measured: 45 % on seeds 0-99, 58 % on seeds 100-599). LEARNING.md wants 30-60 % for the base under the shift.
        Assert.InRange(TaskRuns.Rate(results), 0.3, 0.6);
    }

    [Fact]
    public void DoNothing_NeverSucceeds()
    {
        using var task = new InsertionTask();
        var results = TaskRuns.Run(task, new HoldPolicy(task), episodes: 5);
        Assert.All(results, r => Assert.False(r.Success));
        Assert.All(results, r => Assert.Empty(r.Stages));
    }

    [Fact]
    public void Stages_ContactBeforeInsert_WhileThePegGoesDown()
    {
        using var task = new InsertionTask();
        var expert = new InsertionExpert(task, TaskRuns.Demonstrations(DemoNoiseM));
        var raised = new List<StageEvent>();
        task.StageReached += (_, e) => raised.Add(e);
        for (var seed = 0; seed < 10; seed++)
        {
            raised.Clear();
            var result = EpisodeRunner.Run(task, expert, seed);
            Assert.True(result.Success);
            Assert.Equal([TaskStage.Contact, TaskStage.Insert], raised.Select(e => e.Stage));
            Assert.Equal(result.Stages, raised);
            // The peg starts 4-9 cm above the rim and moves at most 15 cm/s: no contact in the first 0.3 s.
            Assert.InRange(raised[0].TimeSeconds, 0.3, raised[1].TimeSeconds);
            Assert.Equal(raised[1].TimeSeconds, result.TimeSeconds);
        }
    }

    [Fact]
    public void Evaluate_ProgressGrowsTowardTheSeatedPeg()
    {
        using var task = new InsertionTask();
        var expert = new InsertionExpert(task);
        task.Reset(3);
        expert.Reset(3);
        Assert.Equal(0, task.Evaluate().Progress, 9);
        Span<double> targets = stackalloc double[task.JointCount];
        var progress = new List<double>();
        while (!task.Evaluate().Success && task.ControlStep < task.MaxControlSteps)
        {
            expert.Act(targets);
            task.ApplyAction(targets);
            progress.Add(task.Evaluate().Progress);
        }

        Assert.Equal(1, progress[^1]);
        Assert.True(progress[progress.Count / 2] > 0.3);
        Assert.All(progress, p => Assert.InRange(p, 0, 1));
    }
}
