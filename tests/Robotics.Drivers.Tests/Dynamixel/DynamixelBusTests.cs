using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Servos;
using Robotics.Drivers.Tests.Emulator;
using T = Robotics.Drivers.Dynamixel.XSeriesControlTable;

namespace Robotics.Drivers.Tests.Dynamixel;

/// <summary>Dynamixel-only bus operations against the emulator (the shared ones are in the contract tests).</summary>
public sealed class DynamixelBusTests : IDisposable
{
    private static readonly ServoBusOptions Options = new() { HostLatency = TimeSpan.FromMilliseconds(100) };
    private readonly EmulatedServo _servo = EmulatedServo.Dynamixel(1, DynamixelModel.XM430W210, firmwareVersion: 38);
    private readonly EmulatedServo _other = EmulatedServo.Dynamixel(2, DynamixelModel.XM430W210, firmwareVersion: 38);
    private readonly BusTestRig _rig;
    private readonly DynamixelBus _bus;

    public DynamixelBusTests()
    {
        _rig = new BusTestRig(EmulatedProtocol.Dynamixel2, _servo, _other);
        _bus = new DynamixelBus(_rig.Channel, Options);
    }

    [Fact]
    public void Ping_ReportsModelAndFirmware()
    {
        var reply = _bus.Ping(1, out var model, out var firmware);

        Assert.True(reply.IsOk);
        Assert.Equal(1030, model);
        Assert.Equal(38, firmware);
    }

    [Fact]
    public void Alert_ThenHardwareErrorStatus_ThenReboot_IsTheRecoveryPath()
    {
        Assert.True(_bus.WriteRegister(1, T.TorqueEnable, 1).IsOk);
        _servo.InjectHardwareFault(HardwareFault.Overload);

        var alert = _bus.ReadRegister(1, T.PresentPosition, out _);
        Assert.True(alert.HardwareAlert);
        Assert.True(_bus.ReadHardwareErrorStatus(1, out var errors).IsOk);
        Assert.Equal(DynamixelHardwareError.Overload, errors);
        Assert.Equal(0, ReadTorque()); // the servo switched itself off

        var refused = _bus.WriteRegister(1, T.TorqueEnable, 1);
        Assert.Equal(ServoError.DeviceRejected, refused.Error);
        Assert.Equal(DynamixelErrorNumber.ResultFail, DynamixelStatusField.ErrorNumber(refused.DeviceStatus));

        _servo.ClearHardwareFaults();
        Assert.True(_bus.Reboot(1).IsOk);
        Assert.True(_bus.ReadHardwareErrorStatus(1, out errors).IsHealthy);
        Assert.Equal(DynamixelHardwareError.None, errors);
        Assert.True(_bus.WriteRegister(1, T.TorqueEnable, 1).IsOk);
    }

    [Fact]
    public void DeviceRefusal_IsReportedAndNotRetried()
    {
        Assert.True(_bus.WriteRegister(1, T.TorqueEnable, 1).IsOk);

        var reply = _bus.WriteRegister(1, T.OperatingMode, 4); // EEPROM with torque on

        Assert.Equal(ServoError.DeviceRejected, reply.Error);
        Assert.Equal(DynamixelErrorNumber.AccessError, DynamixelStatusField.ErrorNumber(reply.DeviceStatus));
        Assert.Equal(1, _bus.Statistics.DeviceRejections);
        Assert.Equal(2, _rig.Emulator.ReceivedCount((byte)DynamixelInstruction.Write));
        Assert.Throws<ServoProtocolException>(reply.ThrowIfFailed);
    }

    [Fact]
    public void BulkRead_EachServoItsOwnItem()
    {
        _servo.InputVoltageVolts = 11.9;
        _other.TemperatureCelsius = 36;
        var data = new byte[3];
        var replies = new ServoReply[2];

        var ok = _bus.BulkRead([new(1, 144, 2), new(2, 146, 1)], data, replies);

        Assert.Equal(2, ok);
        Assert.Equal(new byte[] { 119, 0, 36 }, data);
    }

    [Fact]
    public void RegWriteThenBroadcastAction_StartsBothServosTogether()
    {
        Assert.True(_bus.RegWrite(1, 65, [1]).IsOk);
        Assert.True(_bus.RegWrite(2, 65, [1]).IsOk);
        Assert.Equal(0, _servo.ReadRegister(T.Led));

        Assert.False(_bus.Action(ServoIds.Broadcast).Acknowledged);
        Assert.True(_bus.Ping(1).IsOk); // a round trip: everything sent before it has been processed

        Assert.Equal(1, _servo.ReadRegister(T.Led));
        Assert.Equal(1, _other.ReadRegister(T.Led));
    }

    [Fact]
    public void FactoryReset_KeepingId_RestoresDefaults()
    {
        Assert.True(_bus.WriteRegister(1, T.ReturnDelayTime, 0).IsOk);

        Assert.True(_bus.FactoryReset(1, DynamixelResetScope.AllExceptId).IsOk);

        Assert.Equal(250, _servo.ReadRegister(T.ReturnDelayTime));
        Assert.Equal(1, _servo.Id);
    }

    [Fact]
    public void StatusReturnLevel1_WritesAreUnacknowledged_ReadsStillWork()
    {
        Assert.True(_bus.WriteRegister(1, T.StatusReturnLevel, 1).IsOk);
        var quiet = new DynamixelBus(_rig.Channel, Options with { WritesAcknowledged = false });

        var write = quiet.WriteRegister(1, T.Led, 1);

        Assert.True(write.IsOk);
        Assert.False(write.Acknowledged);
        Assert.True(quiet.ReadRegister(1, T.Led, out var led).IsOk);
        Assert.Equal(1, led);
        Assert.Equal(0, quiet.Statistics.Timeouts);
    }

    [Fact]
    public void SyncReadOfAnAbsentId_FailsOnlyThatId()
    {
        var replies = new ServoReply[3];
        var ticks = new int[3];

        var ok = _bus.SyncReadPresentPositions([1, 7, 2], ticks, replies);

        Assert.Equal(2, ok);
        Assert.Equal(ServoError.Timeout, replies[1].Error);
        Assert.Equal(new[] { 2048, 0, 2048 }, ticks);
    }

    public void Dispose() => _rig.Dispose();

    private long ReadTorque()
    {
        _bus.ReadRegister(1, T.TorqueEnable, out var torque);
        return torque;
    }
}
