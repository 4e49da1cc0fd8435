namespace Robotics.Safety.Tests;

/// <summary>D15: every stop has a time and distance budget; off budget → one category up (Cat2 → Cat1 → Cat0).</summary>
public sealed class StopBudgetTests
{
    [Fact]
    public void BlockedArm_LeavesTheStopTrajectory_EscalatesCat2ToCat1ThenCat0()
    {
        var rig = MovingAt2RadPerSecond();
        rig.Supervisor.Request(SupervisorEvent.Stop, Principal.Operator, rig.Now, StopCategory.Cat2);
        rig.ArmFollows = false; // blocked where it is: the stop commands move on, the arm does not

        var modes = new List<OutputMode>();
        var reasons = SafetyReason.None;
        for (var i = 0; i < 20; i++)
        {
            var d = rig.Tick();
            reasons |= d.Reasons;
            modes.Add(d.Mode);
        }

        var causes = rig.Supervisor.Transitions.Select(t => t.Cause).ToList();
        var toCat1 = causes.FindIndex(c => c.StartsWith("stop escalated Cat2 → Cat1", StringComparison.Ordinal));
        var toCat0 = causes.FindIndex(c => c.StartsWith("stop escalated Cat1 → Cat0", StringComparison.Ordinal));
        Assert.True(toCat1 >= 0 && toCat0 > toCat1, string.Join(" | ", causes));
        Assert.Contains("off its stop trajectory", causes[toCat1], StringComparison.Ordinal);
        Assert.True((reasons & SafetyReason.StopEscalated) != 0);
        Assert.Equal(OutputMode.TorqueOff, modes[^1]);
        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
        Assert.True(modes.IndexOf(OutputMode.TorqueOff) <= 6, "torque off within a few ticks of leaving the trajectory by 0.05 rad");
    }

    [Fact]
    public void LateTicks_OverrunTheTimeBudget_EscalateCat2ToCat1_TorqueOffOnceStill()
    {
        // From 2 rad/s at 20 rad/s² a stop needs 10 ticks: budget 1.5 × 0.1 s + 0.1 s = 0.25 s. Ticks 40 ms apart (an
        // overrun: dt is taken as the nominal 10 ms) make it take 0.4 s.
        var rig = MovingAt2RadPerSecond();
        rig.Supervisor.Request(SupervisorEvent.Stop, Principal.Operator, rig.Now, StopCategory.Cat2);
        Decision d;
        do
        {
            rig.Now += 3 * Rig.Period;
            d = rig.Tick();
        }
        while (rig.Supervisor.State == SupervisorState.Stopping);

        Assert.Contains(rig.Supervisor.Transitions, t => t.Cause.StartsWith("stop escalated Cat2 → Cat1", StringComparison.Ordinal) && t.Cause.Contains("time budget", StringComparison.Ordinal));
        Assert.DoesNotContain(rig.Supervisor.Transitions, t => t.Cause.Contains("Cat1 → Cat0", StringComparison.Ordinal));
        Assert.Equal(OutputMode.TorqueOff, d.Mode);
        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
    }

    [Fact]
    public void AStopThatGoesAsPlanned_NeverEscalates()
    {
        var rig = MovingAt2RadPerSecond();
        rig.Supervisor.Request(SupervisorEvent.Stop, Principal.Operator, rig.Now, StopCategory.Cat2);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(SafetyReason.None, rig.Tick().Reasons & SafetyReason.StopEscalated);
        }

        Assert.Equal(OutputMode.Hold, rig.Tick().Mode);
    }

    [Fact]
    public void Cat1Stop_OffTrajectory_GoesToCat0_TorqueOffNow()
    {
        var rig = MovingAt2RadPerSecond();
        rig.Supervisor.Request(SupervisorEvent.Stop, Principal.Operator, rig.Now, StopCategory.Cat1);
        rig.Measured[0] += 0.2; // the arm jumps away from its commanded stop (a runaway joint)

        var d = rig.Tick();

        Assert.Equal(OutputMode.TorqueOff, d.Mode);
        Assert.True((d.Reasons & SafetyReason.StopEscalated) != 0);
        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
        Assert.StartsWith("stop escalated Cat1 → Cat0", rig.Supervisor.Transitions[^1].Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEscalation_IsNeverUndone_ByALaterStopAskingForCat2()
    {
        // A long margin keeps the time budget out of it: only the distance escalates, only once.
        var rig = MovingAt2RadPerSecond(Rig.Config() with { StopTimeMargin = TimeSpan.FromSeconds(1) });
        rig.Supervisor.Request(SupervisorEvent.Stop, Principal.Operator, rig.Now, StopCategory.Cat2);
        rig.Measured[0] += 0.2;
        rig.Tick();
        Assert.Contains(rig.Supervisor.Transitions, t => t.Cause.StartsWith("stop escalated Cat2 → Cat1", StringComparison.Ordinal));

        // Then the joint state is lost mid-stop, which asks for a category 2 stop into FAULT.
        var (stamp, now) = (rig.Now, rig.Now + 250_000_000);
        Decision d;
        do
        {
            now += Rig.Period;
            d = rig.Supervisor.Tick(now, rig.Measured, stamp);
        }
        while (rig.Supervisor.State == SupervisorState.Stopping);

        Assert.Contains(rig.Supervisor.Transitions, t => t.Cause == "joint state lost");
        Assert.Equal(SupervisorState.Fault, rig.Supervisor.State);
        Assert.Equal(OutputMode.TorqueOff, d.Mode); // category 1's end, not category 2's hold
    }

    [Theory]
    [InlineData(-1, 0.05)]
    [InlineData(100, 0)]
    [InlineData(100, double.NaN)]
    public void InvalidStopBudget_IsAConfigurationError(int marginMs, double tolerance) =>
        Assert.Contains((Rig.Config() with { StopTimeMargin = TimeSpan.FromMilliseconds(marginMs), StopTrackingTolerance = tolerance }).Validate(), e => e.Contains("stop_tracking_tolerance", StringComparison.Ordinal));

    /// <summary>Running, joint 0 at full speed (2 rad/s) toward a far target, the arm following.</summary>
    private static Rig MovingAt2RadPerSecond(SafetyConfig? config = null)
    {
        var rig = new Rig(config);
        rig.ArmAndStart();
        for (var i = 0; i < 30; i++)
        {
            rig.Send(CommandSource.Policy, [1.8, 0]);
            rig.Tick();
        }

        rig.Send(CommandSource.Policy, [1.8, 0]);
        Assert.Equal(2, rig.Tick().SentVelocity[0], 9);
        return rig;
    }
}
