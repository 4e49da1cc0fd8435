using Robotics.Middleware.Hardware;
using Robotics.Middleware.Time;

namespace Robotics.Safety.Tests;

/// <summary>The loop around a kinematic arm: on fake time through Step, and once on its real thread.</summary>
public sealed class ControlLoopTests
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddSeconds(1000));

    [Fact]
    public void TorqueEnable_AfterTheArmWasMovedByHandWhileOff_DoesNotJump()
    {
        var arm = new KinematicArm(Rig.Names, _time);
        using var loop = new ControlLoop(arm, new SafetySupervisor(Rig.Config()), _time);
        Tick(loop);
        Assert.False(arm.TorqueEnabled);

        arm.Push(0, 0.8); // someone moves the limp arm
        arm.Push(1, -0.4);
        Tick(loop);
        Assert.True(loop.Request(SupervisorEvent.Arm, Principal.Operator).Accepted);
        for (var i = 0; i < 20; i++)
        {
            Tick(loop);
        }

        Assert.True(arm.TorqueEnabled);
        Assert.Equal(0.8, arm.Positions[0], 9); // T11: no motion at enable
        Assert.Equal(-0.4, arm.Positions[1], 9);
    }

    [Fact]
    public void Running_CommandsReachTheArmOnlyThroughTheLimits()
    {
        var arm = new KinematicArm(Rig.Names, _time);
        using var loop = new ControlLoop(arm, new SafetySupervisor(Rig.Config()), _time);
        Tick(loop);
        loop.Request(SupervisorEvent.Arm, Principal.Operator);
        Assert.True(loop.Request(SupervisorEvent.Start, Principal.Operator).Accepted);

        for (ulong seq = 1; seq <= 100; seq++)
        {
            loop.Submit(CommandSource.Policy, seq, RosTime.NowNanoseconds(_time), Rig.Names, [0.5, -0.5], [], false);
            Tick(loop);
        }

        Assert.Equal(0.5, arm.Positions[0], 6);
        Assert.Equal(-0.5, arm.Positions[1], 6);
    }

    [Fact]
    public void MeasuredEffort_ReachesTheSupervisor_AndBeyondTheLimitHolds()
    {
        var arm = new EffortArm(new KinematicArm(Rig.Names, _time));
        var config = Rig.Config() with { Joints = [Rig.Joint(Rig.Names[0]) with { MaxEffort = 2.0 }, Rig.Joint(Rig.Names[1])] };
        using var loop = new ControlLoop(arm, new SafetySupervisor(config), _time);
        Tick(loop);
        loop.Request(SupervisorEvent.Arm, Principal.Operator);
        Assert.True(loop.Request(SupervisorEvent.Start, Principal.Operator).Accepted);
        Tick(loop);
        Assert.Equal(SupervisorState.Running, loop.Supervisor.State);

        arm.Effort = 2.5; // the shoulder strains beyond its limit (B7)
        Tick(loop);

        Assert.NotEqual(SupervisorState.Running, loop.Supervisor.State);
        Assert.Contains(loop.Supervisor.Transitions, t => t.Cause.Contains("effort", StringComparison.Ordinal));
    }

    /// <summary>An arm that also measures effort (the in-memory arm does not): the same on every joint.</summary>
    private sealed class EffortArm(KinematicArm inner) : IHardwareComponent
    {
        public double Effort { get; set; }

        public IReadOnlyList<string> JointNames => inner.JointNames;

        public string? Fault => inner.Fault;

        public bool Read(Span<double> position, Span<double> velocity, out long stampNs) => inner.Read(position, velocity, out stampNs);

        public bool ReadEffort(Span<double> effort)
        {
            effort.Fill(Effort);
            return true;
        }

        public void WritePosition(ReadOnlySpan<double> position, ReadOnlySpan<double> velocity) => inner.WritePosition(position, velocity);

        public void DisableTorque() => inner.DisableTorque();

        public void Dispose() => inner.Dispose();
    }

    [Fact]
    public void ReadsFailing_LeadToAFault_NotToBlindMotion()
    {
        var arm = new KinematicArm(Rig.Names, _time);
        using var loop = new ControlLoop(arm, new SafetySupervisor(Rig.Config()), _time);
        Tick(loop);
        loop.Request(SupervisorEvent.Arm, Principal.Operator);
        loop.Request(SupervisorEvent.Start, Principal.Operator);

        arm.FailReads = true;
        for (var i = 0; i < 40; i++)
        {
            Tick(loop);
        }

        Assert.Equal(SupervisorState.Fault, loop.Supervisor.State);
    }

    [Fact]
    public void HardwareFault_LatchesFault_AndBlocksResetUntilCleared()
    {
        var arm = new KinematicArm(Rig.Names, _time);
        using var loop = new ControlLoop(arm, new SafetySupervisor(Rig.Config()), _time);
        Tick(loop);
        loop.Request(SupervisorEvent.Arm, Principal.Operator);
        loop.Request(SupervisorEvent.Start, Principal.Operator);

        arm.Fault = "servo 3: overload";
        Tick(loop);
        Tick(loop);
        Assert.Equal(SupervisorState.Fault, loop.Supervisor.State);
        var reset = loop.Request(SupervisorEvent.Reset, Principal.Operator);
        Assert.False(reset.Accepted);
        Assert.Contains("overload", reset.Message, StringComparison.Ordinal);

        arm.Fault = null;
        Assert.True(loop.Request(SupervisorEvent.Reset, Principal.Operator).Accepted);
    }

    [Fact]
    public void Thread_ACycleThatThrows_FaultsAndKeepsTheLoopAlive()
    {
        var arm = new KinematicArm(Rig.Names, TimeProvider.System);
        using var loop = new ControlLoop(arm, new SafetySupervisor(Rig.Config()), TimeProvider.System);
        loop.Start();
        Thread.Sleep(100);
        Assert.True(loop.Request(SupervisorEvent.Arm, Principal.Operator).Accepted);

        arm.FailWritesWith = new IOException("adapter unplugged");
        var deadline = Environment.TickCount64 + 5000;
        while (loop.Supervisor.State != SupervisorState.Fault && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(10);
        }

        var ticks = loop.Statistics.Ticks;
        Thread.Sleep(100);
        Assert.Equal(SupervisorState.Fault, loop.Supervisor.State);
        Assert.IsType<IOException>(loop.LastError);
        Assert.True(loop.Statistics.Ticks > ticks, "the loop still runs");
        var events = new List<Transition>();
        while (loop.TryTakeSafetyEvent(out var e))
        {
            events.Add(e);
        }

        Assert.Contains(events, t => t.Cause.Contains("adapter unplugged", StringComparison.Ordinal)); // I33: not held back
        arm.FailWritesWith = null;
    }

    [Fact]
    public void MismatchedJoints_AreRefusedAtConstruction()
    {
        var arm = new KinematicArm(["elbow", "shoulder"], _time);

        var error = Assert.Throws<ArgumentException>(() => new ControlLoop(arm, new SafetySupervisor(Rig.Config()), _time));

        Assert.Contains("same order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thread_RunsAtItsRate_AndStopsWithACategoryOneStop()
    {
        var arm = new KinematicArm(Rig.Names, TimeProvider.System);
        using var loop = new ControlLoop(arm, new SafetySupervisor(Rig.Config()), TimeProvider.System);
        loop.Start();
        Thread.Sleep(100);
        Assert.True(loop.Request(SupervisorEvent.Arm, Principal.Operator).Accepted, "armed once a fresh measurement exists");
        Thread.Sleep(200);

        loop.Stop();

        Assert.True(loop.TickCount >= 10, $"only {loop.TickCount} ticks in 0.3 s at 100 Hz");
        Assert.True(loop.Statistics.Ticks > 0);
        Assert.False(arm.TorqueEnabled);
        Assert.Contains(loop.Supervisor.Transitions, t => t.Cause.Contains("Cat1", StringComparison.Ordinal) || t.To == SupervisorState.Hold);
    }

    private void Tick(ControlLoop loop)
    {
        _time.Advance(TimeSpan.FromMilliseconds(10));
        loop.Step();
    }
}
