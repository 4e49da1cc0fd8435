using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using Robotics.Drivers.Tests.Emulator;
using T = Robotics.Drivers.Feetech.StsControlTable;

namespace Robotics.Drivers.Tests.Feetech;

/// <summary>Feetech-only bus behaviour against the emulator (the shared operations are in the contract tests).</summary>
public sealed class FeetechBusTests : IDisposable
{
    private static readonly ServoBusOptions Options = new() { HostLatency = TimeSpan.FromMilliseconds(100) };
    private readonly EmulatedServo _servo = EmulatedServo.Sts3215(4, positionTicks: 100);
    private readonly BusTestRig _rig;
    private readonly FeetechBus _bus;

    public FeetechBusTests()
    {
        _rig = new BusTestRig(EmulatedProtocol.FeetechSts, _servo);
        _bus = new FeetechBus(_rig.Channel, Options);
    }

    [Fact]
    public void Identify_ReadsModelAndFirmware()
    {
        var reply = _bus.Identify(4, out var model, out var major, out var minor);

        Assert.True(reply.IsOk);
        Assert.Equal(777, model);
        Assert.Equal((3, 10), (major, minor));
    }

    [Fact]
    public void GoalBeyondFifteenBits_IsRefusedBeforeAnythingIsSent()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _bus.SyncWriteGoalPositions([4], [40_000]));

        Assert.Contains("servo 4", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _bus.Statistics.Transactions);
    }

    [Fact]
    public void AddressBeyondOneByte_IsRefused() =>
        Assert.Throws<ArgumentException>(() => _bus.Read(4, 255, new byte[2]));

    [Fact]
    public void HomingOffset_WrittenSigned_ShiftsThePresentPosition()
    {
        Assert.True(_bus.WriteRegister(4, T.HomingOffset, -500).IsOk);

        Assert.True(_bus.ReadRegister(4, T.PresentPosition, out var present).IsOk);
        Assert.Equal(600, present); // Present = actual - offset
        Assert.True(_bus.ReadRegister(4, T.HomingOffset, out var offset).IsOk);
        Assert.Equal(-500, offset);
    }

    [Fact]
    public void ResponseLevel0_WritesUnacknowledged_ReadsStillWork()
    {
        Assert.True(_bus.WriteRegister(4, T.StatusReturnLevel, 0).IsOk);
        var quiet = new FeetechBus(_rig.Channel, Options with { WritesAcknowledged = false });

        Assert.False(quiet.WriteRegister(4, T.Acceleration, 20).Acknowledged);
        Assert.True(quiet.ReadRegister(4, T.Acceleration, out var acceleration).IsOk);
        Assert.Equal(20, acceleration);
    }

    [Fact]
    public void VoltageError_IsAHardwareAlertOnEveryReply()
    {
        _servo.InputVoltageVolts = 15.0; // above the 14.0 V limit
        _rig.Emulator.Step(TimeSpan.FromMilliseconds(2));

        var reply = _bus.Ping(4);

        Assert.True(reply.IsOk);
        Assert.True(reply.HardwareAlert);
        Assert.Equal((byte)FeetechHardwareStatus.Voltage, reply.DeviceStatus);
    }

    public void Dispose() => _rig.Dispose();
}
