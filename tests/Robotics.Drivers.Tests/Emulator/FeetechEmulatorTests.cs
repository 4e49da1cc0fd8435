using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using T = Robotics.Drivers.Feetech.StsControlTable;

namespace Robotics.Drivers.Tests.Emulator;

/// <summary>The emulator answers Feetech STS requests as the SCServo SDK expects them.</summary>
public class FeetechEmulatorTests
{
    private readonly EmulatedServo _one = EmulatedServo.Sts3215(1);
    private readonly EmulatedServo _two = EmulatedServo.Sts3215(2, positionTicks: 1000);
    private readonly EmulatedServo _three = EmulatedServo.Sts3215(3, positionTicks: 3000);
    private readonly ServoBusEmulator _bus;
    private readonly byte[] _request = new byte[300];

    public FeetechEmulatorTests() => _bus = new ServoBusEmulator(EmulatedProtocol.FeetechSts, [_one, _two, _three]);

    [Fact]
    public void Ping_IsAnsweredWithAnEmptyStatus() =>
        Assert.Equal("FF FF 01 02 00 FC", Hex.Text(_bus.Process(Hex.Bytes("FF FF 01 02 01 FB"))));

    [Fact]
    public void BroadcastPing_EveryServoAnswersInIdOrder()
    {
        var replies = _bus.Process(Request(FeetechInstructions.Ping(_request, ServoIds.Broadcast)));

        Assert.Equal("FF FF 01 02 00 FC FF FF 02 02 00 FB FF FF 03 02 00 FA", Hex.Text(replies));
    }

    [Fact]
    public void Read_PresentPosition_IsTheWorkedExample() =>
        Assert.Equal("FF FF 01 04 00 00 08 F2", Hex.Text(_bus.Process(Hex.Bytes("FF FF 01 04 02 38 02 BE"))));

    [Fact]
    public void Read_ModelNumber_Is777()
    {
        var reply = FeetechPacket.Decode(_bus.Process(Request(FeetechInstructions.Read(_request, 1, 3, 2))), FeetechPacketKind.Reply);

        Assert.Equal(777, reply.Parameters.Span[0] | (reply.Parameters.Span[1] << 8));
    }

    [Fact]
    public void SyncRead_RepliesInTheRequestedOrder()
    {
        var replies = Decode(_bus.Process(Request(FeetechInstructions.SyncRead(_request, 56, 2, [3, 1, 2]))));

        Assert.Equal(new byte[] { 3, 1, 2 }, replies.Select(r => r.Id).ToArray());
        Assert.Equal(new long[] { 3000, 2048, 1000 }, replies.Select(r => T.PresentPosition.Decode(r.Parameters.Span)).ToArray());
    }

    [Fact]
    public void SyncWrite_StoresSignMagnitudeGoals_AndTheServosMoveThere()
    {
        _bus.Process(Request(FeetechInstructions.SyncWrite(_request, 40, 1, [1, 2], [1, 1])));
        Assert.Empty(_bus.Process(Request(FeetechInstructions.SyncWrite(_request, 42, 2, [1, 2], [0x00, 0x04, 0xD0, 0x07]))));

        _bus.Step(TimeSpan.FromSeconds(2));

        Assert.Equal(1024, _one.ReadRegister(T.PresentPosition));
        Assert.Equal(2000, _two.ReadRegister(T.PresentPosition));
    }

    [Fact]
    public void GoalSpeed_LimitsTheMotion()
    {
        Write(1, 46, [100, 0]);  // 100 steps/s
        Write(1, 40, [1]);
        Write(1, 42, [0x00, 0x0C]); // 3072

        _bus.Step(TimeSpan.FromSeconds(1));

        Assert.InRange(_one.PositionTicks, 2147, 2148.0001);
    }

    [Fact]
    public void ResponseLevel0_AnswersReadsButNotWrites()
    {
        Write(1, 8, [0]);

        Assert.Empty(_bus.Process(Request(FeetechInstructions.Write(_request, 1, 41, [10]))));
        Assert.NotEmpty(_bus.Process(Request(FeetechInstructions.Read(_request, 1, 56, 2))));
    }

    [Fact]
    public void HomingOffset_PresentIsActualMinusOffset()
    {
        Write(1, 31, [0x05, 0x08]); // -5 (bit 11)

        Assert.Equal(2053, _one.ReadRegister(T.PresentPosition));
    }

    [Fact]
    public void ReadOnlyBytes_AreNotWritten()
    {
        Write(1, 56, [0x00, 0x00]);

        Assert.Equal(2048, _one.ReadRegister(T.PresentPosition));
    }

    [Fact]
    public void Overload_SetsStatusBit5_AndDropsTorque()
    {
        Write(1, 40, [1]);
        _one.ExternalLoad = -1.0;

        _bus.Step(TimeSpan.FromSeconds(0.9));
        Assert.Equal(-1000, _one.ReadRegister(T.PresentLoad)); // full effort, sign in bit 10
        Assert.True(_one.TorqueEnabled);

        _bus.Step(TimeSpan.FromSeconds(0.2));

        Assert.False(_one.TorqueEnabled);
        Assert.Equal(FeetechHardwareStatus.Overload, Ping(1).Status);
    }

    [Fact]
    public void LowVoltage_SetsStatusBit0_ButKeepsTorque()
    {
        Write(1, 40, [1]);
        _one.InputVoltageVolts = 3.5;

        _bus.Step(TimeSpan.FromMilliseconds(5));

        var reply = FeetechPacket.Decode(_bus.Process(Request(FeetechInstructions.Ping(_request, 1))), FeetechPacketKind.Reply);
        Assert.Equal(FeetechHardwareStatus.Voltage, reply.Status);
        Assert.True(_one.TorqueEnabled); // the emulator's Unloading Condition does not include the voltage bit
        Assert.Equal(35, _one.ReadRegister(T.PresentVoltage));

        _one.InputVoltageVolts = 12;
        _bus.Step(TimeSpan.FromMilliseconds(5));
        Assert.Equal(FeetechHardwareStatus.None, FeetechPacket.Decode(_bus.Process(Request(FeetechInstructions.Ping(_request, 1))), FeetechPacketKind.Reply).Status);
    }

    [Fact]
    public void InjectedAngleFault_ShowsUntilCleared()
    {
        _one.InjectHardwareFault(HardwareFault.AngleSensor);
        Assert.Equal(FeetechHardwareStatus.Angle, Ping(1).Status);

        _one.ClearHardwareFaults();
        _bus.Step(TimeSpan.FromMilliseconds(1));
        Assert.Equal(FeetechHardwareStatus.None, Ping(1).Status);
    }

    [Fact]
    public void UnknownInstructionAndBadChecksum_GetNoReply()
    {
        Assert.Empty(_bus.Process(Hex.Bytes("FF FF 01 02 09 F3")));
        Assert.Empty(_bus.Process(Hex.Bytes("FF FF 01 02 01 FA")));
        Assert.Equal(1, _bus.RejectedRequests);
    }

    [Fact]
    public void InjectingADynamixelOnlyFault_IsRefused() =>
        Assert.Throws<ArgumentException>(() => _one.InjectHardwareFault(HardwareFault.ElectricalShock));

    private FeetechPacket Ping(byte id) => FeetechPacket.Decode(_bus.Process(Request(FeetechInstructions.Ping(_request, id))), FeetechPacketKind.Reply);

    private void Write(byte id, byte address, byte[] data) => _bus.Process(Request(FeetechInstructions.Write(_request, id, address, data)));

    private ReadOnlySpan<byte> Request(int length) => _request.AsSpan(0, length);

    private static List<FeetechPacket> Decode(byte[] bytes)
    {
        var decoder = new FeetechPacketDecoder(FeetechPacketKind.Reply);
        decoder.Append(bytes);
        var packets = new List<FeetechPacket>();
        while (decoder.TryDecode(out var packet) == DecodeStatus.Packet)
        {
            packets.Add(new FeetechPacket(packet.Id, FeetechPacketKind.Reply, packet.StatusByte, packet.Parameters.ToArray()));
        }

        return packets;
    }
}
