namespace Robotics.Safety.Tests;

/// <summary>C11: the tool point's box, on the requested target and again on the limited joint result.</summary>
public sealed class WorkspaceTests
{
    [Fact]
    public void TargetOutsideTheBox_GetsNoNewMotion_AndKeepsRunning()
    {
        var rig = new Rig(PlanarArm.Config());
        rig.ArmAndStart();
        rig.Send(CommandSource.Policy, [0.1, 0]);
        var inside = rig.Tick().Sent[0];
        Assert.True(inside > 0, "a target inside the box moves the arm");

        rig.Send(CommandSource.Policy, [1.0, 0]); // y = 1.2·sin 1 ≈ 1.01 m: outside
        var d = rig.Tick();

        Assert.True((d.Reasons & SafetyReason.WorkspaceLimited) != 0);
        Assert.Equal(1.0, d.Requested[0]); // the record says what was asked
        Assert.True(Math.Abs(d.Sent[0] - inside) <= 2 * 0.01, "no new motion: only the rate-limited settle of the last command");
        Assert.Equal(SupervisorState.Running, rig.Supervisor.State);
    }

    [Fact]
    public void WithoutAWorkspace_TheSameTargetMoves()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        rig.Send(CommandSource.Policy, [1.0, 0]);

        var d = rig.Tick();

        Assert.Equal(SafetyReason.None, d.Reasons & SafetyReason.WorkspaceLimited);
        Assert.True(d.Sent[0] > 0);
    }

    [Fact]
    public void ResultLeavingTheBox_WhileOvershootingATargetInside_IsAProtectiveStop()
    {
        // Target q0 = 0.4 (y = 0.467 m, inside); approaching at 2 rad/s the limiter overshoots it by up to
        // v²/2d = 0.1 rad, and y passes 0.5 m at q0 = 0.43: the result check must catch what the target check cannot.
        var rig = new Rig(PlanarArm.Config());
        rig.ArmAndStart();
        Decision? stopped = null;
        var previous = 0.0;
        for (var i = 0; i < 100 && stopped is null; i++)
        {
            rig.Send(CommandSource.Policy, [0.4, 0]);
            var d = rig.Tick();
            Assert.True(Math.Abs(d.Sent[0] - previous) <= (2 * 0.01) + 1e-9, "velocity stays continuous into the stop");
            previous = d.Sent[0];
            stopped = (d.Reasons & SafetyReason.WorkspaceViolation) != 0 ? d : null;
        }

        Assert.NotNull(stopped);
        Assert.Equal(OutputMode.Stopping, stopped.Mode); // the offending command itself is never sent
        Assert.Contains(rig.Supervisor.Transitions, t => t.To == SupervisorState.Stopping && t.Cause.Contains("workspace violation", StringComparison.Ordinal));
        for (var i = 0; i < 30; i++)
        {
            rig.Tick();
        }

        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
    }

    [Fact]
    public void Start_IsRefusedWhileTheToolPointIsOutsideTheBox()
    {
        var rig = new Rig(PlanarArm.Config(), start: [0.8, 0]);
        rig.Tick();
        Assert.True(rig.Operator(SupervisorEvent.Arm).Accepted);

        var start = rig.Operator(SupervisorEvent.Start);

        Assert.False(start.Accepted);
        Assert.Contains("outside the workspace", start.Message, StringComparison.Ordinal);
    }
}
