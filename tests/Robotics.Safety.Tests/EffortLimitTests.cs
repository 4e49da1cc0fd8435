namespace Robotics.Safety.Tests;

/// <summary>B7 effort, acting before the servo's own overload trip (H32).</summary>
public sealed class EffortLimitTests
{
    private static SafetyConfig Config(double maxEffort) =>
        Rig.Config() with { Joints = [Rig.Joint(Rig.Names[0]) with { MaxEffort = maxEffort }, Rig.Joint(Rig.Names[1]) with { MaxEffort = maxEffort }] };

    [Fact]
    public void EffortBeyondTheLimit_IsAProtectiveStopToHold_NamingTheJoint()
    {
        var rig = new Rig(Config(1.5));
        rig.ArmAndStart();
        rig.Send(CommandSource.Policy, [0.1, 0]);
        Assert.Equal(SafetyReason.None, rig.Tick([1.4, -1.5]).Reasons & SafetyReason.EffortLimit);

        rig.Send(CommandSource.Policy, [0.1, 0]);
        var d = rig.Tick([0.2, -1.6]);

        Assert.True((d.JointReasons[1] & SafetyReason.EffortLimit) != 0);
        Assert.Equal(SafetyReason.None, d.JointReasons[0] & SafetyReason.EffortLimit);
        Assert.NotEqual(OutputMode.Track, d.Mode); // the stop starts this tick (the slow arm is still at once)
        Assert.Contains(rig.Supervisor.Transitions, t => t.To == SupervisorState.Stopping);
        Assert.Contains(rig.Supervisor.Transitions, t => t.Cause.Contains("'elbow': effort -1.6 beyond max_effort 1.5", StringComparison.Ordinal));
        for (var i = 0; i < 20; i++)
        {
            rig.Tick();
        }

        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void UnreadableEffort_OnAJointWithALimit_StopsRatherThanPassing(double effort)
    {
        var rig = new Rig(Config(1.5));
        rig.ArmAndStart();
        rig.Send(CommandSource.Policy, [0.1, 0]);

        var d = rig.Tick([0, effort]);

        Assert.True((d.Reasons & SafetyReason.EffortLimit) != 0);
        Assert.NotEqual(SupervisorState.Running, rig.Supervisor.State);
        Assert.Contains(rig.Supervisor.Transitions, t => t.Cause.Contains("'elbow': effort", StringComparison.Ordinal));
    }

    [Fact]
    public void ZeroMaxEffort_IsOff_AndNoEffortReadingIsNoCheck()
    {
        var off = new Rig(Config(0));
        off.ArmAndStart();
        off.Send(CommandSource.Policy, [0.1, 0]);
        Assert.Equal(SafetyReason.None, off.Tick([1e6, -1e6]).Reasons & SafetyReason.EffortLimit);

        var unmeasured = new Rig(Config(1.5));
        unmeasured.ArmAndStart();
        unmeasured.Send(CommandSource.Policy, [0.1, 0]);
        Assert.Equal(SafetyReason.None, unmeasured.Tick().Reasons & SafetyReason.EffortLimit);
        Assert.Equal(SupervisorState.Running, unmeasured.Supervisor.State);
        Assert.Equal(SupervisorState.Running, off.Supervisor.State);
    }

    [Fact]
    public void NegativeMaxEffort_IsAConfigurationError() =>
        Assert.Contains(Config(-1).Validate(), e => e.Contains("max_effort must not be negative", StringComparison.Ordinal));
}
