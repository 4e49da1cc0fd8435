using Robotics.Drivers.Emulator;
using Robotics.Safety;

namespace Robotics.Drivers.Tests.Arm;

/// <summary>
/// A servo that does not enable torque (SAFETY.md I34: read it back): the arm records one clear fault, puts the
/// servos it had already enabled back to torque off, and the supervisor faults without anything moving.
/// </summary>
public sealed class ServoArmTorqueRefusalTests
{
    [Theory]
    [InlineData("dynamixel", "refused torque enable (write: rejected, ResultFail; Torque Enable reads 0)")]
    [InlineData("feetech", "refused torque enable (write: accepted; Torque Enable reads 0)")]
    public void ServoRefusingTorque_FaultsTheArm_AndNothingMoves(string protocol, string says)
    {
        using var rig = protocol == "dynamixel" ? ServoArmRig.Dynamixel() : ServoArmRig.Feetech();
        rig.Servo(1).MoveByHand(2200);
        rig.Servo(2).RefusesTorqueEnable = true; // no alert: only the read-back can tell
        rig.Step();

        rig.Accept(SupervisorEvent.Arm);
        rig.StepUntil(() => rig.State == SupervisorState.Fault, "the refusal becomes a hardware fault", maxTicks: 5);

        Assert.Contains($"shoulder_lift (servo 2) {says}", rig.LastCause, StringComparison.Ordinal);
        Assert.False(rig.Request(SupervisorEvent.Start).Accepted);
        Assert.False(rig.Request(SupervisorEvent.Reset).Accepted);
        rig.Step(50);
        Assert.All(rig.Emulator.Servos, s => Assert.False(s.TorqueEnabled)); // servo 1 was enabled first, and put back off
        Assert.Equal(2200, rig.Servo(1).PositionTicks, 0);
        Assert.Equal(2048, rig.Servo(2).PositionTicks, 0);

        // Fixed at the servo: DISABLE clears the failure, ARM enables every servo.
        rig.Servo(2).RefusesTorqueEnable = false;
        rig.Accept(SupervisorEvent.Disable);
        rig.Step();
        rig.Accept(SupervisorEvent.Arm);
        rig.Step(3);
        Assert.All(rig.Emulator.Servos, s => Assert.True(s.TorqueEnabled));
        Assert.Equal(2200, rig.Servo(1).PositionTicks, 0); // still no jump at enable (T11)
    }

    [Fact]
    public void ServoWithAnAlert_RefusesTorque_AndTheArmIsRefusedUpFront()
    {
        // The existing hook: a latched hardware error makes a Dynamixel answer torque enable with Result Fail, and
        // its Alert bit shows in every reply, so the ARM itself is refused (SAFETY.md H29-H30).
        using var rig = ServoArmRig.Dynamixel();
        rig.Servo(3).InjectHardwareFault(HardwareFault.Overheating);
        rig.Step(2);

        var arm = rig.Request(SupervisorEvent.Arm);

        Assert.False(arm.Accepted);
        Assert.Contains("elbow_flex servo 3: Overheating", arm.Message, StringComparison.Ordinal);
        rig.Step(20);
        Assert.Equal(SupervisorState.Disabled, rig.State);
        Assert.All(rig.Emulator.Servos, s => Assert.False(s.TorqueEnabled));
    }
}
