using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Servos;
using E = Robotics.Drivers.Tests.Dynamixel.EManualPackets;

namespace Robotics.Drivers.Tests.Dynamixel;

/// <summary>The builders produce the e-manual's instruction packets byte for byte, and decoding gives their fields back.</summary>
public class DynamixelInstructionEncodingTests
{
    private readonly byte[] _buffer = new byte[256];

    [Fact]
    public void Ping_Id1_IsTheEManualPacket() =>
        AssertPacket(E.PingId1, DynamixelInstructions.Ping(_buffer, 1));

    [Fact]
    public void Ping_Broadcast_IsTheEManualPacket() =>
        AssertPacket(E.PingBroadcast, DynamixelInstructions.Ping(_buffer, ServoIds.Broadcast));

    [Fact]
    public void Read_PresentPosition_IsTheEManualPacket() =>
        AssertPacket(E.ReadPresentPositionId1, DynamixelInstructions.Read(_buffer, 1, 132, 4));

    [Fact]
    public void Write_Goal512_IsTheEManualPacket() =>
        AssertPacket(E.WriteGoal512Id1, DynamixelInstructions.Write(_buffer, 1, 116, [0x00, 0x02, 0x00, 0x00]));

    [Fact]
    public void RegWrite_Velocity200_IsTheEManualPacket() =>
        AssertPacket(E.RegWriteVelocity200Id1, DynamixelInstructions.RegWrite(_buffer, 1, 104, [200, 0, 0, 0]));

    [Fact]
    public void Action_Reboot_FactoryReset_AreTheEManualPackets()
    {
        AssertPacket(E.ActionId1, DynamixelInstructions.Action(_buffer, 1));
        AssertPacket(E.RebootId1, DynamixelInstructions.Reboot(_buffer, 1));
        AssertPacket(E.FactoryResetExceptIdId1, DynamixelInstructions.FactoryReset(_buffer, 1, DynamixelResetScope.AllExceptId));
    }

    [Fact]
    public void Clear_BuiltFromItsParameters_IsTheEManualPacket() =>
        AssertPacket(E.ClearId1, DynamixelPacketWriter.EncodeInstruction(_buffer, 1, DynamixelInstruction.Clear, [0x01, 0x44, 0x58, 0x4C, 0x22]));

    [Fact]
    public void SyncRead_Ids12_IsTheEManualPacket() =>
        AssertPacket(E.SyncReadPresentPositionIds12, DynamixelInstructions.SyncRead(_buffer, 132, 4, [1, 2]));

    [Fact]
    public void SyncWrite_Goals150And170_IsTheEManualPacket() =>
        AssertPacket(E.SyncWriteGoalIds12, DynamixelInstructions.SyncWrite(_buffer, 116, 4, [1, 2], [150, 0, 0, 0, 170, 0, 0, 0]));

    [Fact]
    public void BulkRead_VoltageAndTemperature_IsTheEManualPacket() =>
        AssertPacket(E.BulkReadIds12, DynamixelInstructions.BulkRead(_buffer, [new(1, 144, 2), new(2, 146, 1)]));

    [Fact]
    public void StatusPackets_FromTheEManual_AreEncodedByteForByte()
    {
        AssertPacket(E.PingStatusId1, DynamixelPacketWriter.EncodeStatus(_buffer, 1, 0, [0x06, 0x04, 0x26]));
        AssertPacket(E.PingStatusId2, DynamixelPacketWriter.EncodeStatus(_buffer, 2, 0, [0x06, 0x04, 0x26]));
        AssertPacket(E.ReadStatusId1, DynamixelPacketWriter.EncodeStatus(_buffer, 1, 0, [0xA6, 0, 0, 0]));
        AssertPacket(E.SyncReadStatusId2, DynamixelPacketWriter.EncodeStatus(_buffer, 2, 0, [0x1F, 0x08, 0, 0]));
        AssertPacket(E.EmptyStatusId1, DynamixelPacketWriter.EncodeStatus(_buffer, 1, 0, []));
        AssertPacket(E.BulkReadStatusId1, DynamixelPacketWriter.EncodeStatus(_buffer, 1, 0, [0x77, 0x00]));
        AssertPacket(E.BulkReadStatusId2, DynamixelPacketWriter.EncodeStatus(_buffer, 2, 0, [0x24]));
    }

    [Fact]
    public void Decode_PingStatus_GivesModelAndFirmware()
    {
        var packet = DynamixelPacket.Decode(Hex.Bytes(E.PingStatusId1));

        Assert.True(packet.IsStatus);
        Assert.Equal(1, packet.Id);
        Assert.Equal(0, packet.Error);
        Assert.Equal(new byte[] { 0x06, 0x04, 0x26 }, packet.Parameters.ToArray());
    }

    [Fact]
    public void Decode_SyncWrite_GivesInstructionAndParameters()
    {
        var packet = DynamixelPacket.Decode(Hex.Bytes(E.SyncWriteGoalIds12));

        Assert.False(packet.IsStatus);
        Assert.Equal(ServoIds.Broadcast, packet.Id);
        Assert.Equal(DynamixelInstruction.SyncWrite, packet.Instruction);
        Assert.Equal(Hex.Bytes("74 00 04 00 01 96 00 00 00 02 AA 00 00 00"), packet.Parameters.ToArray());
    }

    [Fact]
    public void Encode_IdAbove252_IsRefusedNamingTheId()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DynamixelInstructions.Read(_buffer, 253, 132, 4));

        Assert.Equal("id", error.ParamName);
    }

    [Fact]
    public void Encode_DuplicateSyncReadIds_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DynamixelInstructions.SyncRead(_buffer, 132, 4, [1, 2, 1]));

        Assert.Contains("servo id 1 appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_DestinationTooSmall_IsRefusedWithTheSizeNeeded()
    {
        var error = Assert.Throws<ArgumentException>(() => DynamixelInstructions.Write(new byte[12], 1, 116, [1, 2, 3, 4]));

        Assert.Contains("needs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_SyncWriteDataOfWrongLength_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => DynamixelInstructions.SyncWrite(_buffer, 116, 4, [1, 2], [1, 2, 3]));

        Assert.Equal("data", error.ParamName);
    }

    private void AssertPacket(string expected, int length) => Assert.Equal(expected, Hex.Text(_buffer.AsSpan(0, length)));
}
