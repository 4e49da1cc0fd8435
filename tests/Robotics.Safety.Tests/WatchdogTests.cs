namespace Robotics.Safety.Tests;

/// <summary>T1 and T2 on fake time, plus the other watchdogs (E17–E19).</summary>
public sealed class WatchdogTests
{
    /// <summary>
    /// T1: after the last command, the first non-tracking frame comes within T_cmd + 1 period — over 10⁵ injections
    /// at random moments of random command rates, with 0 misses.
    /// </summary>
    [Fact]
    public void CommandTimeout_FirstStopFrameWithinTimeoutPlusOnePeriod_In100000Injections()
    {
        var random = new Random(1234);
        var rig = new Rig();
        rig.ArmAndStart();
        var timeout = (long)rig.Supervisor.Config.CommandTimeout.TotalNanoseconds;
        var misses = 0;
        for (var injection = 0; injection < 100_000; injection++)
        {
            // Commands for a few ticks, then silence from a random moment inside a period.
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                rig.Send(CommandSource.Policy, [rig.Measured[0], rig.Measured[1]]);
                rig.Tick();
            }

            // The last command arrives at a random instant between two ticks (the ticks keep their schedule).
            var lastCommand = rig.Now + random.Next(0, (int)Rig.Period);
            rig.Supervisor.Submit(CommandSource.Policy, ++rig.Sequence, lastCommand, Rig.Names, [rig.Measured[0], rig.Measured[1]], [], false, lastCommand);
            Decision d;
            do
            {
                d = rig.Tick();
            }
            while (d.Mode == OutputMode.Track && rig.Now - lastCommand <= timeout + (2 * Rig.Period));

            misses += d.Mode != OutputMode.Track && rig.Now - lastCommand <= timeout + Rig.Period ? 0 : 1;
            Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
            Assert.True((d.Reasons & SafetyReason.CommandTimeout) != 0);
            Assert.True(rig.Operator(SupervisorEvent.Reset).Accepted);
            Assert.True(rig.Operator(SupervisorEvent.Start).Accepted);
        }

        Assert.Equal(0, misses);
    }

    [Fact]
    public void ZeroTimeout_IsAConfigurationError_NotNeverTimeOut()
    {
        var config = Rig.Config() with { CommandTimeout = TimeSpan.Zero };

        Assert.Contains(config.Validate(), e => e.Contains("command_timeout", StringComparison.Ordinal));
    }

    /// <summary>T2: the first frame after an e-stop is already a stop frame (≤ 2 periods), from anyone.</summary>
    [Theory]
    [InlineData(Principal.Operator)]
    [InlineData(Principal.Policy)]
    [InlineData(Principal.Monitor)]
    [InlineData(Principal.Remote)]
    public void EmergencyStop_FromAnyone_NextFrameStops_AndLatchesUntilReset(Principal who)
    {
        var rig = new Rig();
        rig.ArmAndStart();
        for (var i = 0; i < 20; i++)
        {
            rig.Send(CommandSource.Policy, [0.01 * i, 0]);
            rig.Tick();
        }

        Assert.True(rig.Supervisor.Request(SupervisorEvent.EmergencyStop, who, rig.Now).Accepted);
        var first = rig.Tick();

        Assert.NotEqual(OutputMode.Track, first.Mode);
        for (var i = 0; i < 50; i++)
        {
            rig.Send(CommandSource.Policy, [1.0, 1.0]);
            Assert.NotEqual(OutputMode.Track, rig.Tick().Mode);
        }

        Assert.Equal(SupervisorState.EStop, rig.Supervisor.State);
        Assert.False(rig.Supervisor.Request(SupervisorEvent.Reset, who == Principal.Operator ? Principal.Policy : who, rig.Now).Accepted);
    }

    [Fact]
    public void StaleJointState_AllowsNoNewMotion_AndLostJointStateFaults()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        rig.Send(CommandSource.Policy, [0.1, 0]);
        var measuredAt = rig.Now;
        var stale = rig.Supervisor.Tick(rig.Now + 60_000_000, rig.Measured, measuredAt);
        Assert.True((stale.Reasons & SafetyReason.SensorStale) != 0);
        Assert.Equal(0, stale.Sent[0]);

        var lost = rig.Supervisor.Tick(rig.Now + 300_000_000, rig.Measured, measuredAt);
        Assert.True((lost.Reasons & SafetyReason.SensorLost) != 0);
        Assert.Equal(SupervisorState.Fault, rig.Supervisor.State);
    }

    [Fact]
    public void PolicyDeadline_ThreeLateCommandsInARow_Hold()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SafetyReason.PolicyDeadline, rig.Send(CommandSource.Policy, [0, 0], observationAgeNs: 250_000_000));
        }

        rig.Tick();
        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
    }

    [Theory]
    [InlineData(5, SupervisorState.Running)]
    [InlineData(6, SupervisorState.Hold)]
    public void LateTicks_MoreThanFiveInASecond_AreAProtectiveStop(int late, SupervisorState expected)
    {
        var rig = new Rig();
        rig.ArmAndStart();
        for (var i = 0; i < late; i++)
        {
            rig.Send(CommandSource.Policy, [0, 0]);
            rig.Now += Rig.Period; // this tick comes two periods after the previous one
            Assert.True((rig.Tick().Reasons & SafetyReason.Overrun) != 0);
            rig.Send(CommandSource.Policy, [0, 0]);
            rig.Tick();
        }

        rig.Tick();
        Assert.Equal(expected, rig.Supervisor.State is SupervisorState.Stopping ? SupervisorState.Hold : rig.Supervisor.State);
    }

    [Fact]
    public void FailedReads_ThreeInARow_Hold_ThenALongOutageFaults()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        rig.Send(CommandSource.Policy, [0, 0]);
        rig.Supervisor.ReportReadFailure(rig.Now);
        rig.Supervisor.ReportReadSuccess();
        rig.Supervisor.ReportReadFailure(rig.Now);
        rig.Supervisor.ReportReadFailure(rig.Now);
        Assert.Equal(SupervisorState.Running, rig.Supervisor.State); // a success in between restarts the count

        rig.Supervisor.ReportReadFailure(rig.Now);
        rig.Tick();

        Assert.Equal(SupervisorState.Hold, rig.Supervisor.State);
        Assert.Contains(rig.Supervisor.Transitions, t => t.Cause.Contains("3 hardware reads failed", StringComparison.Ordinal));
    }
}
