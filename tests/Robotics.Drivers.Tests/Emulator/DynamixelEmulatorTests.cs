using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Servos;
using E = Robotics.Drivers.Tests.Dynamixel.EManualPackets;
using T = Robotics.Drivers.Dynamixel.XSeriesControlTable;

namespace Robotics.Drivers.Tests.Emulator;

/// <summary>The emulator answers Protocol 2.0 byte for byte as the e-manual shows, with the X series' rules.</summary>
public class DynamixelEmulatorTests
{
    private readonly EmulatedServo _one = EmulatedServo.Dynamixel(1, DynamixelModel.XM430W210, firmwareVersion: 38);
    private readonly EmulatedServo _two = EmulatedServo.Dynamixel(2, DynamixelModel.XM430W210, firmwareVersion: 38);
    private readonly ServoBusEmulator _bus;
    private readonly byte[] _request = new byte[512];

    public DynamixelEmulatorTests() => _bus = new ServoBusEmulator(EmulatedProtocol.Dynamixel2, [_one, _two]);

    [Fact]
    public void Ping_AnswersWithTheEManualStatusPacket() =>
        Assert.Equal(E.PingStatusId1, Hex.Text(_bus.Process(Hex.Bytes(E.PingId1))));

    [Fact]
    public void BroadcastPing_EveryServoAnswersInIdOrder() =>
        Assert.Equal($"{E.PingStatusId1} {E.PingStatusId2}", Hex.Text(_bus.Process(Hex.Bytes(E.PingBroadcast))));

    [Fact]
    public void Read_PresentPosition166_IsTheEManualStatusPacket()
    {
        _one.MoveByHand(166);

        Assert.Equal(E.ReadStatusId1, Hex.Text(_bus.Process(Hex.Bytes(E.ReadPresentPositionId1))));
    }

    [Fact]
    public void SyncRead_RepliesInTheRequestedOrder_AsTheEManualShows()
    {
        _one.MoveByHand(166);
        _two.MoveByHand(2079);

        Assert.Equal($"{E.ReadStatusId1} {E.SyncReadStatusId2}", Hex.Text(_bus.Process(Hex.Bytes(E.SyncReadPresentPositionIds12))));

        var reversed = _bus.Process(_request.AsSpan(0, DynamixelInstructions.SyncRead(_request, 132, 4, [2, 1])));
        Assert.Equal($"{E.SyncReadStatusId2} {E.ReadStatusId1}", Hex.Text(reversed));
    }

    [Fact]
    public void Write_Goal512_IsAcknowledgedAndStored()
    {
        Assert.Equal(E.EmptyStatusId1, Hex.Text(_bus.Process(Hex.Bytes(E.WriteGoal512Id1))));
        Assert.Equal(512, _one.ReadRegister(T.GoalPosition));
    }

    [Fact]
    public void SyncWrite_StoresEachServosGoal_WithoutReply()
    {
        Assert.Empty(_bus.Process(Hex.Bytes(E.SyncWriteGoalIds12)));
        Assert.Equal(150, _one.ReadRegister(T.GoalPosition));
        Assert.Equal(170, _two.ReadRegister(T.GoalPosition));
    }

    [Fact]
    public void BulkRead_VoltageAndTemperature_AreTheEManualStatusPackets()
    {
        _one.InputVoltageVolts = 11.9;
        _two.TemperatureCelsius = 36;

        Assert.Equal($"{E.BulkReadStatusId1} {E.BulkReadStatusId2}", Hex.Text(_bus.Process(Hex.Bytes(E.BulkReadIds12))));
    }

    [Fact]
    public void BulkWrite_StoresEachServosItem()
    {
        Assert.Empty(_bus.Process(Hex.Bytes(E.BulkWriteIds12)));
        Assert.Equal(160, _one.ReadRegister(T.MaxVoltageLimit));
        Assert.Equal(80, _two.ReadRegister(T.TemperatureLimit));
    }

    [Fact]
    public void RegWriteThenAction_AppliesTheWriteOnlyAtAction()
    {
        Assert.Equal(E.EmptyStatusId1, Hex.Text(_bus.Process(Hex.Bytes(E.RegWriteVelocity200Id1))));
        Assert.Equal(0, _one.ReadRegister(T.GoalVelocity));
        Assert.Equal(1, _one.ReadRegister(T.RegisteredInstruction));

        Assert.Equal(E.EmptyStatusId1, Hex.Text(_bus.Process(Hex.Bytes(E.ActionId1))));
        Assert.Equal(200, _one.ReadRegister(T.GoalVelocity));
    }

    [Fact]
    public void Action_WithoutRegWrite_IsAnInstructionError()
    {
        var reply = DynamixelPacket.Decode(_bus.Process(Hex.Bytes(E.ActionId1)));

        Assert.Equal(DynamixelErrorNumber.InstructionError, DynamixelStatusField.ErrorNumber(reply.Error));
    }

    [Fact]
    public void Reboot_AndFactoryReset_AnswerAsTheEManualShows()
    {
        Assert.Equal(E.EmptyStatusId1, Hex.Text(_bus.Process(Hex.Bytes(E.RebootId1))));
        Assert.Equal(E.EmptyStatusId1, Hex.Text(_bus.Process(Hex.Bytes(E.FactoryResetExceptIdId1))));
        Assert.Equal(1, _one.Id);
    }

    [Fact]
    public void UnemulatedInstruction_IsAnsweredWithInstructionError()
    {
        var reply = DynamixelPacket.Decode(_bus.Process(Hex.Bytes(E.ClearId1)));

        Assert.Equal(DynamixelErrorNumber.InstructionError, DynamixelStatusField.ErrorNumber(reply.Error));
    }

    [Fact]
    public void Request_ArrivingByteByByteAfterGarbage_IsStillAnswered()
    {
        var bytes = Hex.Bytes("00 FF 12 " + E.PingId1);
        var replies = new List<byte>();

        foreach (var b in bytes)
        {
            replies.AddRange(_bus.Process([b]));
        }

        Assert.Equal(E.PingStatusId1, Hex.Text(replies.ToArray()));
    }

    [Fact]
    public void Request_WithBadCrc_IsIgnoredAndCounted()
    {
        var bytes = Hex.Bytes(E.PingId1);
        bytes[^1] ^= 0xFF;

        Assert.Empty(_bus.Process(bytes));
        Assert.Equal(1, _bus.RejectedRequests);
    }

    [Fact]
    public void StatusReturnLevel1_AnswersReadsButNotWrites()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 68, [1])));

        Assert.Empty(_bus.Process(Hex.Bytes(E.WriteGoal512Id1)));
        Assert.NotEmpty(_bus.Process(Hex.Bytes(E.ReadPresentPositionId1)));
    }

    [Fact]
    public void StatusReturnLevel0_AnswersOnlyPing()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 68, [0])));

        Assert.Empty(_bus.Process(Hex.Bytes(E.ReadPresentPositionId1)));
        Assert.Equal(E.PingStatusId1, Hex.Text(_bus.Process(Hex.Bytes(E.PingId1))));
    }

    [Fact]
    public void BroadcastWrite_GetsNoReply() =>
        Assert.Empty(_bus.Process(Request(DynamixelInstructions.Write(_request, ServoIds.Broadcast, 65, [1]))));

    [Theory]
    [InlineData(7, new byte[] { 253 }, DynamixelErrorNumber.DataRangeError)]
    [InlineData(0, new byte[] { 1, 2 }, DynamixelErrorNumber.AccessError)]          // model number is read-only
    [InlineData(118, new byte[] { 1, 2 }, DynamixelErrorNumber.DataLengthError)]    // middle of Goal Position
    [InlineData(116, new byte[] { 0, 0x10, 0, 0 }, DynamixelErrorNumber.DataLimitError)] // 4096 > Max Position Limit
    [InlineData(14, new byte[] { 1 }, DynamixelErrorNumber.AccessError)]            // undefined address
    [InlineData(68, new byte[] { 3 }, DynamixelErrorNumber.DataRangeError)]
    public void Write_BreakingAControlTableRule_ReturnsItsErrorNumber(ushort address, byte[] data, DynamixelErrorNumber expected)
    {
        var reply = DynamixelPacket.Decode(_bus.Process(Request(DynamixelInstructions.Write(_request, 1, address, data))));

        Assert.Equal(expected, DynamixelStatusField.ErrorNumber(reply.Error));
    }

    [Fact]
    public void EepromWrite_WithTorqueOn_IsAnAccessError()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1])));

        var reply = DynamixelPacket.Decode(_bus.Process(Request(DynamixelInstructions.Write(_request, 1, 11, [4]))));

        Assert.Equal(DynamixelErrorNumber.AccessError, DynamixelStatusField.ErrorNumber(reply.Error));
    }

    [Fact]
    public void Overload_LatchesHardwareError_DropsTorque_AndSetsAlertUntilReboot()
    {
        var servo = EmulatedServo.Dynamixel(1, DynamixelModel.XL330M288);
        var bus = new ServoBusEmulator(EmulatedProtocol.Dynamixel2, [servo]);
        bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1])));
        servo.ExternalLoad = 1.0;

        bus.Step(TimeSpan.FromSeconds(0.9));
        Assert.True(servo.TorqueEnabled, "overload must need the full trip time");
        bus.Step(TimeSpan.FromSeconds(0.2));

        Assert.False(servo.TorqueEnabled);
        var status = DynamixelPacket.Decode(bus.Process(Request(DynamixelInstructions.Read(_request, 1, 70, 1))));
        Assert.True(DynamixelStatusField.HasAlert(status.Error));
        Assert.Equal((byte)DynamixelHardwareError.Overload, status.Parameters.Span[0]);

        // Torque cannot come back by a write: only a reboot clears the shutdown (e-manual).
        var refused = DynamixelPacket.Decode(bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1]))));
        Assert.Equal(DynamixelErrorNumber.ResultFail, DynamixelStatusField.ErrorNumber(refused.Error));

        servo.ExternalLoad = 0;
        bus.Process(Request(DynamixelInstructions.Reboot(_request, 1)));
        var after = DynamixelPacket.Decode(bus.Process(Request(DynamixelInstructions.Read(_request, 1, 70, 1))));
        Assert.False(DynamixelStatusField.HasAlert(after.Error));
        Assert.Equal(0, after.Parameters.Span[0]);
    }

    [Fact]
    public void LowSupply_TripsXl330ButNotXm430_AsTheirShutdownDefaultsSay()
    {
        var xl = EmulatedServo.Dynamixel(1, DynamixelModel.XL330M288);
        var xm = EmulatedServo.Dynamixel(2, DynamixelModel.XM430W210);
        var bus = new ServoBusEmulator(EmulatedProtocol.Dynamixel2, [xl, xm]);
        bus.Process(Request(DynamixelInstructions.SyncWrite(_request, 64, 1, [1, 2], [1, 1])));
        xl.InputVoltageVolts = 3.0; // below 3.5 V
        xm.InputVoltageVolts = 9.0; // below 9.5 V

        bus.Step(TimeSpan.FromMilliseconds(10));

        Assert.Equal((long)DynamixelHardwareError.InputVoltage, xl.ReadRegister(T.HardwareErrorStatus));
        Assert.False(xl.TorqueEnabled);
        Assert.Equal(0, xm.ReadRegister(T.HardwareErrorStatus)); // Shutdown 52 does not include the voltage bit
        Assert.True(xm.TorqueEnabled);
    }

    [Fact]
    public void BusWatchdog_StopsTheServoAndRefusesGoalsUntilCleared()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 98, [5]))); // 100 ms
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1])));
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 116, [0x00, 0x0F, 0, 0]))); // 3840
        _bus.Step(TimeSpan.FromMilliseconds(90));
        var stoppedNear = _one.PositionTicks;

        _bus.Step(TimeSpan.FromMilliseconds(500));

        Assert.Equal(-1, _one.ReadRegister(T.BusWatchdog));
        Assert.InRange(_one.PositionTicks, stoppedNear, stoppedNear + 300); // stopped shortly after 100 ms, far from 3840
        var refused = DynamixelPacket.Decode(_bus.Process(Request(DynamixelInstructions.Write(_request, 1, 116, [0x00, 0x0F, 0, 0]))));
        Assert.Equal(DynamixelErrorNumber.DataRangeError, DynamixelStatusField.ErrorNumber(refused.Error));

        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 98, [0])));
        var accepted = DynamixelPacket.Decode(_bus.Process(Request(DynamixelInstructions.Write(_request, 1, 116, [0x00, 0x0F, 0, 0]))));
        Assert.Equal(0, accepted.Error);
    }

    [Fact]
    public void BusWatchdog_CountsOnlyWithTorqueOn_AndAFiredOneSurvivesTorqueOffUntilWrittenZero()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 98, [5])));
        _bus.Step(TimeSpan.FromMilliseconds(500));
        Assert.Equal(5, _one.ReadRegister(T.BusWatchdog)); // torque off: not monitored (e-manual)

        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1])));
        _bus.Step(TimeSpan.FromMilliseconds(150));
        Assert.Equal(-1, _one.ReadRegister(T.BusWatchdog));

        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [0])));
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1])));
        Assert.Equal(-1, _one.ReadRegister(T.BusWatchdog)); // only writing 0 clears it
        var refused = DynamixelPacket.Decode(_bus.Process(Request(DynamixelInstructions.Write(_request, 1, 116, [0x00, 0x0C, 0, 0]))));
        Assert.Equal(DynamixelErrorNumber.DataRangeError, DynamixelStatusField.ErrorNumber(refused.Error));
    }

    [Fact]
    public void InjectedTorqueRefusal_IsResultFail_WithoutAnAlert()
    {
        _one.RefusesTorqueEnable = true;

        var reply = DynamixelPacket.Decode(_bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1]))));

        Assert.Equal(DynamixelErrorNumber.ResultFail, DynamixelStatusField.ErrorNumber(reply.Error));
        Assert.False(DynamixelStatusField.HasAlert(reply.Error));
        Assert.False(_one.TorqueEnabled);
    }

    [Fact]
    public void Motion_IsFirstOrderTowardTheGoal_AndLimitedByProfileVelocity()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 112, [20, 0, 0, 0]))); // 4.58 rpm = 312.7 ticks/s
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1])));
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 116, [0x00, 0x0C, 0, 0]))); // 3072, 1024 away

        _bus.Step(TimeSpan.FromSeconds(1));

        var speed = 20 * DynamixelUnits.VelocityUnitRpm * 4096 / 60;
        Assert.InRange(_one.PositionTicks - 2048, speed - 1, speed + 1e-6);
        Assert.Equal(1, _one.ReadRegister(T.Moving));
    }

    [Fact]
    public void Motion_WithoutProfile_SettlesOnTheGoal_AndTorqueOffHolds()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1])));
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 116, [0x00, 0x0C, 0, 0])));
        _bus.Step(TimeSpan.FromSeconds(2));
        Assert.Equal(3072, _one.ReadRegister(T.PresentPosition));

        _two.MoveByHand(100);
        _bus.Step(TimeSpan.FromSeconds(1));
        Assert.Equal(100, _two.ReadRegister(T.PresentPosition)); // torque off: nothing moves it back
    }

    [Fact]
    public void Heat_RisesUnderLoad_AndPresentValuesFollow()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 64, [1])));
        _one.ExternalLoad = 0.7;

        _bus.Step(TimeSpan.FromSeconds(60));

        Assert.True(_one.TemperatureCelsius > 30, $"temperature {_one.TemperatureCelsius:F1} °C did not rise");
        Assert.Equal(Math.Round(_one.TemperatureCelsius), _one.ReadRegister(T.PresentTemperature));
        Assert.InRange(_one.ReadRegister(T.PresentCurrent), 700, 1193); // ~0.7 of Current Limit 1193
    }

    [Fact]
    public void HomingOffset_ShiftsPresentPosition()
    {
        _bus.Process(Request(DynamixelInstructions.Write(_request, 1, 20, [100, 0, 0, 0])));

        Assert.Equal(2148, _one.ReadRegister(T.PresentPosition)); // Present = actual + offset
    }

    [Fact]
    public void Constructor_DuplicateIdsOrMixedProtocols_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new ServoBusEmulator(EmulatedProtocol.Dynamixel2, [EmulatedServo.Dynamixel(1, DynamixelModel.XL330M288), EmulatedServo.Dynamixel(1, DynamixelModel.XL330M288)]));
        Assert.Throws<ArgumentException>(() => new ServoBusEmulator(EmulatedProtocol.Dynamixel2, [EmulatedServo.Sts3215(1)]));
        Assert.Throws<ArgumentException>(() => _one.InjectHardwareFault(HardwareFault.AngleSensor));
    }

    private ReadOnlySpan<byte> Request(int length) => _request.AsSpan(0, length);
}
