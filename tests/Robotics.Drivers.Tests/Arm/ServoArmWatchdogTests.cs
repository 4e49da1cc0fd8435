using Robotics.Drivers.Arm;
using Robotics.Drivers.Emulator;
using Robotics.Safety;
using T = Robotics.Drivers.Dynamixel.XSeriesControlTable;

namespace Robotics.Drivers.Tests.Arm;

/// <summary>
/// SAFETY.md E21: the Dynamixel Bus Watchdog (register 98, 20 ms units; -1 once it fired, until written 0, e-manual)
/// is armed with torque and disarmed with it; a host that goes quiet leaves a stopped servo, which the arm reports
/// as a hardware fault. Feetech STS servos have no such register.
/// </summary>
public sealed class ServoArmWatchdogTests
{
    [Theory]
    [InlineData(20, 1)]
    [InlineData(100, 5)]
    [InlineData(101, 6)] // rounded up: never fires earlier than asked
    [InlineData(110, 6)]
    [InlineData(2540, 127)]
    public void Options_RoundTheWatchdogUpToWhole20MsUnits(int milliseconds, byte units) =>
        Assert.Equal(units, new ServoArmOptions { BusWatchdog = TimeSpan.FromMilliseconds(milliseconds) }.BusWatchdogUnits);

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(2541)]
    public void Options_RefuseAWatchdogTheRegisterCannotHold(int milliseconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServoArmOptions { BusWatchdog = TimeSpan.FromMilliseconds(milliseconds) });

    [Fact]
    public void Arm_ArmsEachWatchdogWithTorque_AndDisableDisarmsIt()
    {
        using var rig = ServoArmRig.Dynamixel(options: new ServoArmOptions { BusWatchdog = TimeSpan.FromMilliseconds(110) });
        rig.Step();
        Assert.All(rig.Emulator.Servos, s => Assert.Equal(0, s.ReadRegister(T.BusWatchdog)));

        rig.Accept(SupervisorEvent.Arm);
        rig.Step(3);

        Assert.All(rig.Emulator.Servos, s => Assert.True(s.TorqueEnabled));
        Assert.All(rig.Emulator.Servos, s => Assert.Equal(6, s.ReadRegister(T.BusWatchdog)));

        rig.Accept(SupervisorEvent.Disable);
        rig.Step();

        Assert.All(rig.Emulator.Servos, s => Assert.False(s.TorqueEnabled));
        Assert.All(rig.Emulator.Servos, s => Assert.Equal(0, s.ReadRegister(T.BusWatchdog)));
    }

    [Fact]
    public void WatchdogLeftFiredByAnEarlierSession_IsClearedAtConnect()
    {
        using var rig = ServoArmRig.Dynamixel(servo => servo.PokeMemory(T.BusWatchdog.Address, [0xFF]));

        Assert.All(rig.Emulator.Servos, s => Assert.Equal(0, s.ReadRegister(T.BusWatchdog)));
        Assert.Null(rig.Arm.Fault);
    }

    [Fact]
    public void HostStall_TheServoStopsAndRefusesGoals_AndTheArmReportsIt()
    {
        using var rig = ServoArmRig.Dynamixel();
        var (position, velocity) = (new double[3], new double[3]);
        Assert.True(rig.Arm.Read(position, velocity, out _));
        rig.Arm.WritePosition([0, 0, 0], [0, 0, 0]); // torque on, watchdog armed (100 ms)

        // The host goes quiet for 300 ms (a hung process, an unplugged cable); then it comes back asking for 0.5 rad.
        rig.Time.Advance(TimeSpan.FromMilliseconds(300));
        for (var i = 0; i < 100; i++)
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(10));
            rig.Arm.Read(position, velocity, out _);
            rig.Arm.WritePosition([0.5, 0, 0], [0, 0, 0]);
        }

        Assert.Equal(-1, rig.Servo(1).ReadRegister(T.BusWatchdog));
        Assert.True(rig.Servo(1).TorqueEnabled); // it stopped holding, not limp (e-manual)
        Assert.InRange(rig.Servo(1).PositionTicks, 2046, 2050); // 0.5 rad would be 2374: the goals were refused
        Assert.Contains("bus watchdog expired", rig.Arm.Fault, StringComparison.Ordinal);
        Assert.Contains("(servo 1)", rig.Arm.Fault, StringComparison.Ordinal);

        // Torque off writes 0, which clears it; enabled again, the servo follows goals again.
        rig.Arm.DisableTorque();
        Assert.Equal(0, rig.Servo(1).ReadRegister(T.BusWatchdog));
        Assert.Null(rig.Arm.Fault);
        for (var i = 0; i < 100; i++)
        {
            rig.Time.Advance(TimeSpan.FromMilliseconds(10));
            rig.Arm.Read(position, velocity, out _);
            rig.Arm.WritePosition([0.5, 0, 0], [0, 0, 0]);
        }

        Assert.InRange(rig.Servo(1).PositionTicks, 2370, 2378);
        Assert.Equal(5, rig.Servo(1).ReadRegister(T.BusWatchdog));
    }

    [Fact]
    public void ExpiredWatchdog_FaultsTheSupervisor_AndOnlyDisableThenArmRecovers()
    {
        using var rig = ServoArmRig.Dynamixel();
        rig.Step();
        rig.Accept(SupervisorEvent.Arm);
        rig.Step(3);

        rig.Time.Advance(TimeSpan.FromMilliseconds(300)); // a stalled loop: no instruction packet for 300 ms
        rig.StepUntil(() => rig.State == SupervisorState.Fault, "the supervisor faults on the expired watchdog", maxTicks: 10);

        Assert.Contains("bus watchdog expired", rig.LastCause, StringComparison.Ordinal);
        Assert.False(rig.Request(SupervisorEvent.Reset).Accepted);

        rig.Accept(SupervisorEvent.Disable);
        rig.Step(4); // torque off clears the watchdogs; the next health reads see 0
        Assert.Null(rig.Arm.Fault);
        rig.Accept(SupervisorEvent.Arm);
        rig.Step(3);
        Assert.All(rig.Emulator.Servos, s => Assert.Equal(5, s.ReadRegister(T.BusWatchdog)));
        Assert.Equal(SupervisorState.Armed, rig.State);
    }

    [Fact]
    public void FeetechArm_HasNoWatchdogToArm()
    {
        using var rig = ServoArmRig.Feetech();
        rig.Step();
        rig.Accept(SupervisorEvent.Arm);
        rig.Step(3);

        Assert.All(rig.Emulator.Servos, s => Assert.True(s.TorqueEnabled));
        Assert.All(rig.Emulator.Servos, s => Assert.Equal(0, s.PeekMemory(T.BusWatchdog.Address, 1)[0])); // nothing written where STS has no register
        Assert.Null(rig.Arm.Fault);
    }
}
