namespace Robotics.Safety.Tests;

/// <summary>Validation, arbitration, residuals, authority and stops, one behaviour per test.</summary>
public sealed class SupervisorBehaviourTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteCommand_IsRejectedNotClamped_AndHolds(double bad)
    {
        var rig = new Rig();
        rig.ArmAndStart();

        var reasons = rig.Send(CommandSource.Policy, [bad, 0]);
        var d = rig.Tick();

        Assert.Equal(SafetyReason.NonFinite, reasons);
        Assert.NotEqual(OutputMode.Track, d.Mode);
        Assert.All(d.Sent, v => Assert.Equal(0, v));
        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
    }

    [Fact]
    public void UnknownJoint_DuplicateJoint_AndReplayedSequence_AreRejected()
    {
        var rig = new Rig();
        rig.Tick();

        Assert.Equal(SafetyReason.WrongShape, rig.Supervisor.Submit(CommandSource.Policy, 1, rig.Now, ["tail"], [0.0], [], false, rig.Now));
        Assert.Equal(SafetyReason.WrongShape, rig.Supervisor.Submit(CommandSource.Policy, 2, rig.Now, ["elbow", "elbow"], [0.0, 0.0], [], false, rig.Now));
        Assert.Equal(SafetyReason.None, rig.Supervisor.Submit(CommandSource.Policy, 5, rig.Now, ["elbow"], [0.0], [], false, rig.Now));
        Assert.Equal(SafetyReason.SequenceNotIncreasing, rig.Supervisor.Submit(CommandSource.Policy, 5, rig.Now, ["elbow"], [0.0], [], false, rig.Now));
        Assert.Equal(SafetyReason.FutureStamp, rig.Supervisor.Submit(CommandSource.Policy, 6, rig.Now + 1_000_000_000, ["elbow"], [0.0], [], false, rig.Now));
    }

    [Fact]
    public void FarTarget_IsStepCappedAndRateLimited_ReachedSmoothly()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        var previous = 0.0;
        for (var i = 0; i < 200; i++)
        {
            rig.Send(CommandSource.Policy, [1.5, 0]);
            var d = rig.Tick();
            Assert.True(d.Sent[0] - previous <= (2 * 0.01) + 1e-9, "never faster than 2 rad/s");
            previous = d.Sent[0];
        }

        Assert.Equal(1.5, previous, 9);
    }

    [Fact]
    public void Teleop_OverridesThePolicy_IsFlagged_AndHoldsOffBeforeHandingBack()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        rig.Send(CommandSource.Policy, [0.1, 0]);
        Assert.Equal(CommandSource.Policy, rig.Tick().Source);

        rig.Send(CommandSource.Policy, [0.1, 0]);
        rig.Send(CommandSource.Teleop, [-0.1, 0]);
        var takeover = rig.Tick();
        Assert.Equal(CommandSource.Teleop, takeover.Source);
        Assert.True(takeover.Intervened);

        // Teleop goes quiet: the policy keeps sending, but for the 0.5 s hold-off nobody moves the arm.
        for (var t = 0; t < 15; t++)
        {
            rig.Send(CommandSource.Policy, [0.1, 0]);
            var d = rig.Tick();
            if (d.Source == CommandSource.Policy)
            {
                Assert.True(t >= 10, "the policy got control back before the teleop's timeout");
            }
        }

        for (var t = 0; t < 40; t++)
        {
            rig.Send(CommandSource.Policy, [0.1, 0]);
            rig.Tick();
        }

        Assert.Equal(CommandSource.Policy, rig.Tick().Source);
    }

    [Fact]
    public void SourceSwitch_IsBumpless_StartingFromTheMeasuredPosition()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        for (var i = 0; i < 30; i++)
        {
            rig.Send(CommandSource.Policy, [0.5, 0]);
            rig.Tick();
        }

        rig.Measured[0] = 0.45; // the arm lags its command
        rig.Send(CommandSource.Teleop, [0.45, 0]);
        var d = rig.Tick();

        Assert.Equal(CommandSource.Teleop, d.Source);
        Assert.Equal(0.45, d.Sent[0], 9);
        Assert.Equal(0, d.SentVelocity[0], 9);
    }

    [Fact]
    public void Residual_IsCappedToItsLimit_AndDroppedWhenPinned()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        Decision d = null!;
        for (var i = 0; i < 60; i++)
        {
            rig.Send(CommandSource.Policy, [0.0, 0.0], residual: [0.5, 0.0]);
            d = rig.Tick();
            if (i == 0)
            {
                Assert.Equal(0.1, d.Requested[0], 9);
                Assert.True((d.JointReasons[0] & SafetyReason.ResidualCapped) != 0);
            }
        }

        Assert.Equal(0.0, d.Requested[0], 9);
        Assert.Contains(rig.Supervisor.Transitions, t => t.To == SupervisorState.Running);
    }

    [Fact]
    public void OnlyTheOperator_ArmsStartsResetsAndDisables()
    {
        var rig = new Rig();
        rig.Tick();
        foreach (var who in new[] { Principal.Policy, Principal.Residual, Principal.Reward, Principal.Monitor, Principal.Remote, Principal.Teleop })
        {
            var result = rig.Supervisor.Request(SupervisorEvent.Arm, who, rig.Now);
            Assert.False(result.Accepted);
            Assert.Contains("operator", result.Message, StringComparison.Ordinal);
        }

        Assert.Equal(SupervisorState.Disabled, rig.Supervisor.State);
    }

    [Fact]
    public void Reset_ReachesArmedNeverRunning_AndDiscardsQueuedCommands()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        rig.Operator(SupervisorEvent.Stop);
        rig.Tick();
        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
        rig.Send(CommandSource.Policy, [0.15, 0]);

        Assert.True(rig.Operator(SupervisorEvent.Reset).Accepted);
        Assert.Equal(SupervisorState.Armed, rig.Supervisor.State);
        Assert.True(rig.Operator(SupervisorEvent.Start).Accepted);
        var held = rig.Measured[0];
        for (var i = 0; i < 20; i++)
        {
            var d = rig.Tick();
            Assert.Equal(held, d.Sent[0]); // the command sent while stopped was discarded: nothing moves toward it
            Assert.Null(d.Source);
        }
    }

    [Fact]
    public void Start_RefusesWhenThePendingCommandIsBeyondTheStepCap()
    {
        var rig = new Rig();
        rig.Tick();
        rig.Operator(SupervisorEvent.Arm);
        rig.Send(CommandSource.Policy, [1.0, 0]);

        var start = rig.Operator(SupervisorEvent.Start);

        Assert.False(start.Accepted);
        Assert.Contains("max_step", start.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StopCategory.Cat0, OutputMode.TorqueOff)]
    [InlineData(StopCategory.Cat1, OutputMode.TorqueOff)]
    [InlineData(StopCategory.Cat2, OutputMode.Hold)]
    public void StopCategories_EndWithTorqueOffOrHolding(StopCategory category, OutputMode end)
    {
        var rig = new Rig();
        rig.ArmAndStart();
        for (var i = 0; i < 40; i++)
        {
            rig.Send(CommandSource.Policy, [1.0, 0]);
            rig.Tick();
        }

        rig.Supervisor.Request(SupervisorEvent.Stop, Principal.Monitor, rig.Now, category);
        var first = rig.Tick().Mode; // the Decision is reused every tick: keep what we need
        Decision d = null!;
        for (var i = 0; i < 50; i++)
        {
            d = rig.Tick();
        }

        Assert.Equal(category == StopCategory.Cat0 ? OutputMode.TorqueOff : OutputMode.Stopping, first);
        Assert.Equal(end, d.Mode);
        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
    }

    [Fact]
    public void MeasuredBeyondHardLimit_Faults_AndHoldDriftEscalates()
    {
        var beyond = new Rig(start: [2.05, 0]);
        beyond.Tick();
        Assert.False(beyond.Operator(SupervisorEvent.Arm).Accepted);

        var drifting = new Rig();
        drifting.ArmAndStart();
        drifting.Operator(SupervisorEvent.Stop);
        drifting.Tick();
        drifting.ArmFollows = false;
        drifting.Measured[1] = 0.3; // pushed while holding
        drifting.Tick();

        Assert.Equal(SupervisorState.Fault, drifting.Supervisor.State);
    }
}
