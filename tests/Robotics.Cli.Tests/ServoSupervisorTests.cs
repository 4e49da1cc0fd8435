using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Serial;
using Robotics.Drivers.Serial.Tests.Support;
using Robotics.Middleware;
using Robotics.Middleware.Time;
using Robotics.Nodes;
using Robotics.Nodes.Safety;
using Robotics.Safety;

namespace Robotics.Cli.Tests;

/// <summary>
/// The whole control path without hardware: the supervisor node, created as `robotics run supervisor -p
/// hardware:=dynamixel -p port:=…` would create it, drives six emulated XL330s through the termios driver and a socat
/// pty pair, its loop on a real thread.
/// </summary>
public sealed class ServoSupervisorTests
{
    [Fact]
    public void Supervisor_OnEmulatedDynamixelsOverAPty_ArmsStartsAndMovesOnlyWithinLimits()
    {
        using var pty = SocatPtyPair.Start();
        var emulator = new ServoBusEmulator(EmulatedProtocol.Dynamixel2, Enumerable.Range(1, 6).Select(id => EmulatedServo.Dynamixel((byte)id, DynamixelModel.XL330M288)), TimeProvider.System);
        using var servoPort = TermiosSerialPort.Open(pty.PathA, 1_000_000);
        using var attachment = emulator.Attach(servoPort);
        ServoHardware.Register();
        using var context = new RosContext(new ContextOptions());
        var options = new NodeOptions
        {
            ParameterOverrides = new Dictionary<string, object?> { ["hardware"] = "dynamixel", ["port"] = pty.PathB, ["rate_hz"] = 100.0, ["sensor_stale_after_s"] = 0.5, ["sensor_lost_after_s"] = 2.0, ["max_late_ticks_per_second"] = 1000L },
        };
        using var node = (SupervisorNode)NodeCatalog.Create("robotics", "supervisor", context, options);
        var loop = node.Loop;
        Eventually(() => loop.TickCount > 10, "the loop reads the servos");

        Assert.True(loop.Request(SupervisorEvent.Arm, Principal.Operator).Accepted);
        Assert.True(loop.Request(SupervisorEvent.Start, Principal.Operator).Accepted);
        Eventually(() => emulator.Find(1)!.TorqueEnabled, "torque came on (goal = present first)");
        string[] joints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];
        ulong sequence = 0;
        Eventually(() =>
        {
            // Far beyond the step cap: the supervisor walks there at its velocity limit instead of jumping.
            loop.Submit(CommandSource.Policy, ++sequence, RosTime.NowNanoseconds(TimeProvider.System), joints, [0.5, 0, 0, 0, 0, 0], [], false);
            return Math.Abs(emulator.Find(1)!.PositionTicks - (2048 + (0.5 * 4096 / (2 * Math.PI)))) < 10;
        }, "servo 1 reached 0.5 rad");

        Assert.Equal(SupervisorState.Running, loop.Supervisor.State);
        Assert.InRange(emulator.Find(2)!.PositionTicks, 2040, 2056); // the other joints held still
    }

    private static void Eventually(Func<bool> condition, string because)
    {
        var deadline = Environment.TickCount64 + 20_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting until {because}");
            Thread.Sleep(10);
        }
    }
}
