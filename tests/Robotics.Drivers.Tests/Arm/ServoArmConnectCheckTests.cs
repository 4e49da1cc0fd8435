using Robotics.Drivers.Arm;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Servos;
using Robotics.Safety;
using F = Robotics.Drivers.Feetech.StsControlTable;
using T = Robotics.Drivers.Dynamixel.XSeriesControlTable;

namespace Robotics.Drivers.Tests.Arm;

/// <summary>
/// SAFETY.md H32 at connect: model, operating mode, return delay and position limits are read from every servo and
/// compared with the configuration; a mismatch is ONE error naming servo, register, found and expected values and the
/// fix, the ARM is refused with it and no servo's torque ever comes on.
/// </summary>
public sealed class ServoArmConnectCheckTests
{
    public static TheoryData<string, int, int, string[]> DynamixelMismatches => new()
    {
        // register, address, value poked into servo 2, what the error must say
        { "return delay", 9, 0, ["shoulder_lift (servo 2)", "Return Delay Time (register 9) is 0", "expected 250", "robotics motors setup-ids"] },
        { "velocity mode", 11, 1, ["(servo 2)", "Operating Mode (register 11) is 1 (Velocity)", "expected 3 (Position)", "robotics motors setup-ids"] },
        { "unknown model", 0, 350, ["(servo 2)", "Model Number (register 0) is 350", "one of XL330-M288 (1200)", "robotics motors scan"] },
        { "narrowed limit", 52, 100, ["(servo 2)", "Min Position Limit (register 52) is 100", "expected 0 (the configured min_ticks)", "robotics motors calibrate"] },
    };

    [Theory]
    [MemberData(nameof(DynamixelMismatches))]
    public void DynamixelMismatch_IsOneClearError_AndTorqueNeverComesOn(string what, int address, int value, string[] says)
    {
        using var rig = ServoArmRig.Dynamixel(servo => Poke(servo, T.All.First(r => r.Address == address), value, servo.Id == 2));

        AssertRefused(rig, what, says);
    }

    [Fact]
    public void ConfiguredModel_MustMatch()
    {
        using var rig = ServoArmRig.Dynamixel(options: new ServoArmOptions { ModelNumber = 1030 });

        AssertRefused(rig, "model", ["shoulder_pan (servo 1)", "Model Number (register 0) is 1200 (XL330-M288)", "expected 1030 (XM430-W210)", "(and 2 more problem(s)"]);
    }

    [Fact]
    public void ConfiguredLimits_MustBeTheServosLimits()
    {
        ServoJoint[] joints = [new("shoulder_pan", 1), new("shoulder_lift", 2), new("elbow_flex", 3, MaxTicks: 3000)];
        using var rig = ServoArmRig.Dynamixel(joints: joints);

        AssertRefused(rig, "limits", ["elbow_flex (servo 3)", "Max Position Limit (register 48) is 4095", "expected 3000 (the configured max_ticks)"]);
    }

    [Fact]
    public void TwoMismatches_AreOneErrorNamingTheFirst()
    {
        using var rig = ServoArmRig.Dynamixel(servo =>
        {
            Poke(servo, T.ReturnDelayTime, 0, servo.Id == 1);
            Poke(servo, T.OperatingMode, 1, servo.Id == 3);
        });

        Assert.StartsWith("shoulder_pan (servo 1): Return Delay Time", rig.Arm.Fault, StringComparison.Ordinal);
        Assert.EndsWith("(and 1 more problem(s) on this arm's servos)", rig.Arm.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchingServos_VerifyClean_InBothProtocols()
    {
        using var dynamixel = ServoArmRig.Dynamixel();
        using var feetech = ServoArmRig.Feetech();

        dynamixel.Step(5);
        feetech.Step(5); // every servo's health sampled at least once: nominal supply and temperature raise nothing

        Assert.Null(dynamixel.Arm.Fault);
        Assert.Null(feetech.Arm.Fault);
        Assert.Null(dynamixel.Arm.Warning);
        Assert.Null(feetech.Arm.Warning);
    }

    [Fact]
    public void FeetechOutsidePositionMode_IsRefused()
    {
        using var rig = ServoArmRig.Feetech(servo => Poke(servo, F.OperatingMode, 1, servo.Id == 2));

        AssertRefused(rig, "speed mode", ["(servo 2)", "Operating Mode (register 33) is 1 (Velocity)", "expected 0 (Position)"]);
    }

    [Fact]
    public void ServoSilentAtConnect_IsRefused_UntilItAnswers()
    {
        // Both attempts of the connect read (one retry, SAFETY 31) go unanswered: a servo powered after the host.
        using var rig = ServoArmRig.Dynamixel(servo =>
        {
            if (servo.Id == 2)
            {
                servo.InjectReplyFault(ReplyFault.NoReply, count: 2);
            }
        });

        Assert.StartsWith("shoulder_lift (servo 2) did not answer at connect (Timeout)", rig.Arm.Fault, StringComparison.Ordinal);
        Assert.False(rig.Request(SupervisorEvent.Arm).Accepted);

        rig.StepUntil(() => rig.Arm.Fault is null, "the check is repeated (once a second) and passes");
        rig.Accept(SupervisorEvent.Arm);
        rig.Step(2);
        Assert.All(rig.Emulator.Servos, s => Assert.True(s.TorqueEnabled));
    }

    private static void AssertRefused(ServoArmRig rig, string what, string[] says)
    {
        foreach (var part in says)
        {
            Assert.True(rig.Arm.Fault?.Contains(part, StringComparison.Ordinal) == true, $"{what}: '{part}' missing from: {rig.Arm.Fault}");
        }

        var arm = rig.Request(SupervisorEvent.Arm);
        Assert.False(arm.Accepted);
        Assert.Contains(says[0], arm.Message, StringComparison.Ordinal);
        rig.Step(50);
        Assert.Equal(SupervisorState.Disabled, rig.State);
        Assert.All(rig.Emulator.Servos, s => Assert.False(s.TorqueEnabled));
    }

    private static void Poke(EmulatedServo servo, ServoRegister register, long value, bool when)
    {
        if (when)
        {
            var bytes = new byte[register.Size];
            register.Encode(value, bytes);
            servo.PokeMemory(register.Address, bytes);
        }
    }
}
