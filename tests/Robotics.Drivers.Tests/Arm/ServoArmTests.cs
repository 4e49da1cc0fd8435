using Robotics.Drivers.Arm;
using Robotics.Drivers.Channels;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using Robotics.Middleware.Time;
using Robotics.Safety;

namespace Robotics.Drivers.Tests.Arm;

/// <summary>
/// The servo arm over the byte-exact emulator, alone and behind the real supervisor and control loop: calibration,
/// safe torque enable (T11), device alerts and lost replies ending in FAULT.
/// </summary>
public sealed class ServoArmTests : IDisposable
{
    private static readonly string[] _names = ["shoulder_pan", "shoulder_lift", "elbow_flex"];
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddSeconds(1000));
    private readonly List<IDisposable> _cleanup = [];

    // The emulator answers on its own thread: on a loaded 2-core CI machine that thread can wait several ms for a core,
    // longer than the 2 ms a real USB adapter gets. A generous reply deadline costs nothing when replies are prompt.
    private static readonly ServoBusOptions _busyMachine = new() { HostLatency = TimeSpan.FromMilliseconds(250) };

    [Fact]
    public void Read_ReturnsCalibratedRadians()
    {
        var (arm, _) = DynamixelArm(2048, 2048 + 1024, 2048 - 512);
        var (position, velocity) = (new double[3], new double[3]);

        Assert.True(arm.Read(position, velocity, out _));

        Assert.Equal(0, position[0], 3);
        Assert.Equal(Math.PI / 2, position[1], 3);
        Assert.Equal(-Math.PI / 4, position[2], 3);
    }

    [Fact]
    public void TorqueEnable_AfterTheArmWasMovedByHand_DoesNotJump()
    {
        var (arm, emulator) = DynamixelArm(2048, 2048, 2048);
        using var loop = new ControlLoop(arm, new SafetySupervisor(Config()), _time);
        Step(loop);
        emulator.Find(2)!.MoveByHand(3000); // someone bends the limp elbow
        Step(loop);

        Assert.True(loop.Request(SupervisorEvent.Arm, Principal.Operator).Accepted);
        for (var i = 0; i < 50; i++)
        {
            Step(loop);
        }

        Assert.True(emulator.Find(2)!.TorqueEnabled);
        Assert.InRange(emulator.Find(2)!.PositionTicks, 2998, 3002); // T11: no motion at enable beyond encoder noise
        Assert.InRange(emulator.Find(1)!.PositionTicks, 2046, 2050);
    }

    [Fact]
    public void ServoOverload_BecomesAFault_AndTheSupervisorLatchesIt()
    {
        var (arm, emulator) = DynamixelArm(2048, 2048, 2048);
        using var loop = new ControlLoop(arm, new SafetySupervisor(Config()), _time);
        Step(loop);
        loop.Request(SupervisorEvent.Arm, Principal.Operator);
        loop.Request(SupervisorEvent.Start, Principal.Operator);
        Step(loop);

        emulator.Find(3)!.InjectHardwareFault(HardwareFault.Overload);
        for (var i = 0; i < 10; i++)
        {
            Step(loop);
        }

        Assert.Equal(SupervisorState.Fault, loop.Supervisor.State);
        Assert.Contains(loop.Supervisor.Transitions, t => t.Cause.Contains("Overload", StringComparison.Ordinal));
        Assert.False(loop.Request(SupervisorEvent.Reset, Principal.Operator).Accepted);
    }

    [Fact]
    public void NoReplies_FailTheRead_AndTheSupervisorFaultsOnLostJointState()
    {
        var (arm, emulator) = DynamixelArm(new ServoBusOptions(), 2048, 2048, 2048); // every read times out: the real 2 ms deadline
        using var loop = new ControlLoop(arm, new SafetySupervisor(Config()), _time);
        Step(loop);
        loop.Request(SupervisorEvent.Arm, Principal.Operator);
        loop.Request(SupervisorEvent.Start, Principal.Operator);

        foreach (var servo in emulator.Servos)
        {
            servo.InjectReplyFault(ReplyFault.NoReply, count: 1000);
        }

        for (var i = 0; i < 40; i++)
        {
            Step(loop);
        }

        Assert.Equal(SupervisorState.Fault, loop.Supervisor.State);
        Assert.True(arm.Statistics.Timeouts > 0);
    }

    [Fact]
    public void Feetech_EnableWriteRead_RoundTrip()
    {
        var (channel, servoEnd) = InMemoryChannelPair.Create();
        var emulator = new ServoBusEmulator(EmulatedProtocol.FeetechSts, [EmulatedServo.Sts3215(1, 2048), EmulatedServo.Sts3215(2, 1024)], _time);
        _cleanup.Add(emulator.Attach(servoEnd));
        var arm = ServoArm.Feetech(new FeetechBus(channel, _busyMachine), [new ServoJoint("a", 1), new ServoJoint("b", 2, Inverted: true)], _time);
        var (position, velocity) = (new double[2], new double[2]);

        arm.WritePosition([0.3, Math.PI / 2], [0, 0]);
        for (var i = 0; i < 100; i++)
        {
            // Read then write, as the control loop does: the read's reply also paces the emulator's thread, whose
            // physics advance by the fake time elapsed at each request it serves.
            _time.Advance(TimeSpan.FromMilliseconds(10));
            Assert.True(arm.Read(position, velocity, out _));
            arm.WritePosition([0.3, Math.PI / 2], [0, 0]);
        }

        Assert.True(arm.Read(position, velocity, out _));
        Assert.True(arm.Fault is null, arm.Fault);
        Assert.Equal(0.3, position[0], 2);
        Assert.Equal(Math.PI / 2, position[1], 2);
        Assert.Equal(1024, emulator.Find(2)!.PositionTicks, 0); // inverted: +90° is 1024 ticks below zero
        Assert.Null(arm.Fault);
    }

    public void Dispose()
    {
        foreach (var item in _cleanup)
        {
            item.Dispose();
        }
    }

    private (ServoArm Arm, ServoBusEmulator Emulator) DynamixelArm(params int[] ticks) => DynamixelArm(_busyMachine, ticks);

    private (ServoArm Arm, ServoBusEmulator Emulator) DynamixelArm(ServoBusOptions options, params int[] ticks)
    {
        var (channel, servoEnd) = InMemoryChannelPair.Create();
        var emulator = new ServoBusEmulator(EmulatedProtocol.Dynamixel2, ticks.Select((t, i) => EmulatedServo.Dynamixel((byte)(i + 1), DynamixelModel.XL330M288, positionTicks: t)), _time);
        _cleanup.Add(emulator.Attach(servoEnd));
        _cleanup.Add(channel);
        return (ServoArm.Dynamixel(new DynamixelBus(channel, options), [.. _names.Select((n, i) => new ServoJoint(n, (byte)(i + 1)))], _time), emulator);
    }

    private static SafetyConfig Config() => new()
    {
        Joints = [.. _names.Select(n => new JointLimit(n)
        {
            HardMin = -3, HardMax = 3, SoftMin = -2.9, SoftMax = 2.9,
            MaxVelocity = 2, MaxAcceleration = 10, MaxDeceleration = 20, MaxStep = 0.3, MaxResidual = 0.1,
        })],
    };

    private void Step(ControlLoop loop)
    {
        _time.Advance(TimeSpan.FromMilliseconds(10));
        loop.Step();
    }
}
