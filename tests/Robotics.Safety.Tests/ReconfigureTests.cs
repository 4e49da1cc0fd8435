using Robotics.Middleware.Hardware;
using Robotics.Middleware.Time;

namespace Robotics.Safety.Tests;

/// <summary>I35: limits change only when not running, only by the operator, and every record says which applied.</summary>
public sealed class ReconfigureTests
{
    private static SafetyConfig Slower() => Rig.Config() with
    {
        Version = 2,
        Joints = [Rig.Joint(Rig.Names[0]) with { MaxVelocity = 0.5 }, Rig.Joint(Rig.Names[1]) with { MaxVelocity = 0.5 }],
    };

    [Fact]
    public void Operator_WhileHolding_ReplacesTheLimits_RecordingOldAndNewHash()
    {
        var rig = new Rig();
        rig.ArmAndStart();
        var oldHash = rig.Supervisor.ConfigHash;
        rig.Operator(SupervisorEvent.Stop);
        rig.Tick();

        var result = rig.Supervisor.Reconfigure(Slower(), Principal.Operator, rig.Now);

        Assert.True(result.Accepted, result.Message);
        var t = rig.Supervisor.Transitions[^1];
        Assert.Equal((SupervisorState.Hold, SupervisorState.Hold, Principal.Operator), (t.From, t.To, t.By));
        Assert.Contains($"v1 {oldHash} → v2 {Slower().ComputeContentHash()}", t.Cause, StringComparison.Ordinal);
        var d = rig.Tick();
        Assert.Equal((2, Slower().ComputeContentHash()), (d.ConfigVersion, d.ConfigHash));

        rig.Operator(SupervisorEvent.Reset);
        rig.Operator(SupervisorEvent.Start);
        for (var i = 0; i < 50; i++)
        {
            rig.Send(CommandSource.Policy, [1.0, 0]);
            Assert.True(rig.Tick().SentVelocity[0] <= 0.5 + 1e-9, "the new velocity limit applies");
        }
    }

    [Theory]
    [InlineData("policy")]
    [InlineData("running")]
    [InlineData("stopping")]
    [InlineData("invalid")]
    [InlineData("other joints")]
    [InlineData("other period")]
    public void Refused_ChangesNothing(string why)
    {
        var rig = new Rig();
        rig.ArmAndStart();
        if (why != "running")
        {
            rig.Send(CommandSource.Policy, [1.0, 0]);
            rig.Tick();
            rig.Operator(SupervisorEvent.Stop);
            if (why != "stopping")
            {
                for (var i = 0; i < 20; i++)
                {
                    rig.Tick();
                }
            }
        }

        var (before, hash, transitions) = (rig.Supervisor.Config, rig.Supervisor.ConfigHash, rig.Supervisor.Transitions.Count);
        var config = why switch
        {
            "invalid" => Slower() with { CommandTimeout = TimeSpan.Zero },
            "other joints" => Slower() with { Joints = [Rig.Joint("elbow"), Rig.Joint("shoulder")] },
            "other period" => Slower() with { Period = TimeSpan.FromMilliseconds(5) },
            _ => Slower(),
        };

        var result = rig.Supervisor.Reconfigure(config, why == "policy" ? Principal.Policy : Principal.Operator, rig.Now);

        Assert.False(result.Accepted);
        Assert.Same(before, rig.Supervisor.Config);
        Assert.Equal(hash, rig.Supervisor.ConfigHash);
        Assert.Equal(transitions, rig.Supervisor.Transitions.Count);
        Assert.Contains(why switch
        {
            "policy" => "operator",
            "running" or "stopping" => "only when not running",
            "invalid" => "command_timeout",
            "other joints" => "same joints",
            _ => "period",
        }, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThroughTheLoop_SnapshotsAndRecordsCarryTheNewHash()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(1000));
        using var loop = new ControlLoop(new KinematicArm(Rig.Names, time), new SafetySupervisor(Rig.Config()), time);
        time.Advance(TimeSpan.FromMilliseconds(10));
        loop.Step();

        Assert.True(loop.Reconfigure(Slower(), Principal.Operator).Accepted);
        time.Advance(TimeSpan.FromMilliseconds(10));
        loop.Step();

        var snapshot = new DecisionSnapshot(Rig.Names);
        loop.CopyLatest(snapshot);
        Assert.Equal((2, Slower().ComputeContentHash()), (snapshot.ConfigVersion, snapshot.ConfigHash));
        var records = new[] { new DecisionRecord(2), new DecisionRecord(2) };
        Assert.Equal(2, loop.DrainDecisions(records));
        Assert.Equal(Rig.Config().ComputeContentHash(), records[0].ConfigHash);
        Assert.Equal(Slower().ComputeContentHash(), records[1].ConfigHash);
    }
}
