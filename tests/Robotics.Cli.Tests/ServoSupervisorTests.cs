using Robotics.Drivers.Emulator;
using Robotics.Messages.DiagnosticMsgs;
using Robotics.Middleware.Time;
using Robotics.Safety;

namespace Robotics.Cli.Tests;

/// <summary>
/// The whole control path without hardware (<see cref="EmulatedArmOverPty"/>): the supervisor node drives six emulated
/// XL330s through the termios driver and a socat pty pair, its loop on a real thread. Besides the happy path, the
/// faults SAFETY.md H29-H32 are about, injected at the emulated servos: a wrong setting at connect, an overload
/// alert, a servo that stops answering — each must end in the right state with the reason on /diagnostics.
/// </summary>
[Collection(ServoBusOverPty.Collection)]
public sealed class ServoSupervisorTests
{
    // No command source in the fault tests: a long command timeout keeps RUNNING from ending in HOLD for that reason.
    private static readonly Dictionary<string, object?> _quietSource = new() { ["command_timeout_s"] = 30.0, ["sensor_lost_after_s"] = 30.0 };

    [Fact]
    public void Supervisor_OnEmulatedDynamixelsOverAPty_ArmsStartsAndMovesOnlyWithinLimits()
    {
        using var arm = new EmulatedArmOverPty();
        var loop = arm.Loop;
        arm.Eventually(() => loop.TickCount > 10, "the loop reads the servos");

        arm.Accept(SupervisorEvent.Arm);
        arm.Eventually(() => arm.Emulator.Servos.All(s => s.TorqueEnabled), "torque came on (goal = present first)");
        arm.Accept(SupervisorEvent.Start);
        Assert.Equal(50, arm.Emulator.Find(1)!.ReadRegister(Drivers.Dynamixel.XSeriesControlTable.BusWatchdog)); // E21: bus_watchdog_s 1.0
        ulong sequence = 0;
        arm.Poll(
            () =>
            {
                // Far beyond the step cap: the supervisor walks there at its velocity limit instead of jumping.
                loop.Submit(CommandSource.Policy, ++sequence, RosTime.NowNanoseconds(TimeProvider.System), EmulatedArmOverPty.Joints, [0.5, 0, 0, 0, 0, 0], [], false);
                return Math.Abs(arm.Emulator.Find(1)!.PositionTicks - (2048 + (0.5 * 4096 / (2 * Math.PI)))) < 10;
            },
            "servo 1 reached 0.5 rad");

        Assert.Equal(SupervisorState.Running, loop.Supervisor.State);
        Assert.InRange(arm.Emulator.Find(2)!.PositionTicks, 2040, 2056); // the other joints held still
        Assert.Equal(0, arm.Emulator.Find(1)!.ReadRegister(Drivers.Dynamixel.XSeriesControlTable.HardwareErrorStatus));
    }

    [Fact]
    public void ServosNotSetUp_TheArmIsRefusedWithOneClearError_AndTorqueStaysOff()
    {
        using var arm = new EmulatedArmOverPty(setUp: false); // factory return delay 500 µs; the node expects 0

        var result = arm.Request(SupervisorEvent.Arm);

        Assert.False(result.Accepted);
        Assert.Contains("shoulder_pan (servo 1): Return Delay Time (register 9) is 250 (500 µs), expected 0", result.Message, StringComparison.Ordinal);
        Assert.Contains("robotics motors setup-ids", result.Message, StringComparison.Ordinal);
        Assert.Contains("(and 5 more problem(s)", result.Message, StringComparison.Ordinal);
        Assert.Contains("Return Delay Time", arm.HardwareDiagnostic(DiagnosticStatus.ERROR), StringComparison.Ordinal);
        Assert.All(arm.Emulator.Servos, s => Assert.False(s.TorqueEnabled));
        Assert.Equal(SupervisorState.Disabled, arm.State);
    }

    [Fact]
    public void ServoOverloadAlert_FaultsTheSupervisor_AndTheDiagnosticsSayWhich()
    {
        using var arm = new EmulatedArmOverPty(_quietSource);
        arm.Eventually(() => arm.Loop.TickCount > 10, "the loop reads the servos");
        arm.Accept(SupervisorEvent.Arm);
        arm.Eventually(() => arm.Emulator.Servos.All(s => s.TorqueEnabled), "torque on");
        arm.Accept(SupervisorEvent.Start);

        arm.Emulator.Find(3)!.InjectHardwareFault(HardwareFault.Overload);
        arm.Eventually(() => arm.State == SupervisorState.Fault, "FAULT on the Alert bit (SAFETY.md H29)");

        Assert.Contains("hardware fault: elbow_flex servo 3: Overload", arm.Causes(), StringComparison.Ordinal);
        Assert.Contains("elbow_flex servo 3: Overload", arm.HardwareDiagnostic(DiagnosticStatus.ERROR), StringComparison.Ordinal);
        Assert.False(arm.Request(SupervisorEvent.Reset).Accepted); // latched at the device until it is rebooted (H30)
    }

    [Fact]
    public void ServoStopsAnswering_TheSupervisorHolds_AndTheDiagnosticsSayWhich()
    {
        using var arm = new EmulatedArmOverPty(_quietSource);
        arm.Eventually(() => arm.Loop.TickCount > 10, "the loop reads the servos");
        arm.Accept(SupervisorEvent.Arm);
        arm.Eventually(() => arm.Emulator.Servos.All(s => s.TorqueEnabled), "torque on");
        arm.Accept(SupervisorEvent.Start);

        arm.Emulator.Find(4)!.InjectReplyFault(ReplyFault.NoReply, int.MaxValue);
        arm.Eventually(() => arm.State == SupervisorState.Hold, "HOLD after failed reads in a row (SAFETY.md H31)");

        Assert.Contains("hardware reads failed in a row", arm.Causes(), StringComparison.Ordinal);
        var warning = arm.HardwareDiagnostic(DiagnosticStatus.WARN);
        Assert.True(warning.Contains("position read failed: wrist_flex (servo 4) Timeout", StringComparison.Ordinal), warning);
        Assert.True(arm.Loop.Supervisor.State is SupervisorState.Hold, arm.Causes()); // not a fault: the device reported none
        arm.Emulator.Find(4)!.InjectReplyFault(ReplyFault.None);
    }
}
