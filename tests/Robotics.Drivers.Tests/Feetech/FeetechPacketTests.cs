using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Feetech;

/// <summary>
/// Packet vectors worked out by hand from the SCServo SDK's framing (FF FF id len instr params ~sum), with the
/// checksum arithmetic in each comment so a reader can redo it.
/// </summary>
public class FeetechPacketTests
{
    private readonly byte[] _buffer = new byte[300];

    [Fact]
    public void Ping_Id1()
    {
        // 01 + 02 + 01 = 0x04, ~0x04 = 0xFB.
        AssertPacket("FF FF 01 02 01 FB", FeetechInstructions.Ping(_buffer, 1));
    }

    [Fact]
    public void Read_PresentPositionOfId1()
    {
        // 01 + 04 + 02 + 38 + 02 = 0x41, ~0x41 = 0xBE.
        AssertPacket("FF FF 01 04 02 38 02 BE", FeetechInstructions.Read(_buffer, 1, 56, 2));
    }

    [Fact]
    public void Write_PositionTimeSpeedBlock()
    {
        // Goal 2048, time 0, speed 1000 from address 0x2A: sum 0x12A, low byte 0x2A, ~0x2A = 0xD5.
        AssertPacket("FF FF 01 09 03 2A 00 08 00 00 E8 03 D5", FeetechInstructions.Write(_buffer, 1, 42, [0x00, 0x08, 0x00, 0x00, 0xE8, 0x03]));
    }

    [Fact]
    public void SyncRead_PresentPositionOfIds12()
    {
        // FE + 06 + 82 + 38 + 02 + 01 + 02 = 0x1C3, ~0xC3 = 0x3C.
        AssertPacket("FF FF FE 06 82 38 02 01 02 3C", FeetechInstructions.SyncRead(_buffer, 56, 2, [1, 2]));
    }

    [Fact]
    public void SyncWrite_GoalPositionOfIds12()
    {
        // Id 1 -> 2048, id 2 -> 1024: sum 0x1C6, ~0xC6 = 0x39.
        AssertPacket("FF FF FE 0A 83 2A 02 01 00 08 02 00 04 39", FeetechInstructions.SyncWrite(_buffer, 42, 2, [1, 2], [0x00, 0x08, 0x00, 0x04]));
    }

    [Fact]
    public void Status_PositionReply()
    {
        // 01 + 04 + 00 + 00 + 08 = 0x0D, ~0x0D = 0xF2.
        AssertPacket("FF FF 01 04 00 00 08 F2", FeetechPacketWriter.EncodeStatus(_buffer, 1, 0, [0x00, 0x08]));
    }

    [Fact]
    public void Decode_Reply_GivesStatusAndParameters()
    {
        var packet = FeetechPacket.Decode(Hex.Bytes("FF FF 01 04 20 00 08 D2"), FeetechPacketKind.Reply);

        Assert.Equal(1, packet.Id);
        Assert.Equal(FeetechHardwareStatus.Overload, packet.Status);
        Assert.Equal(new byte[] { 0x00, 0x08 }, packet.Parameters.ToArray());
    }

    [Fact]
    public void Decode_Request_GivesInstruction()
    {
        var packet = FeetechPacket.Decode(Hex.Bytes("FF FF 01 04 02 38 02 BE"), FeetechPacketKind.Request);

        Assert.Equal(FeetechInstruction.Read, packet.Instruction);
        Assert.Equal(new byte[] { 56, 2 }, packet.Parameters.ToArray());
    }

    [Theory]
    [InlineData("FF FF 01 04 00 00 08 F3", ServoError.BadCrc)]
    [InlineData("FF FF 01 04 00 00", ServoError.Truncated)]
    [InlineData("FF FF 01 01 00", ServoError.BadLength)]
    [InlineData("FF FF 01 04 00 00 08 F2 00", ServoError.BadLength)]
    [InlineData("FF FF FD 02 00 00", ServoError.Malformed)]
    [InlineData("01 FF FF 01 02 00 FC", ServoError.Malformed)]
    [InlineData("FF", ServoError.Truncated)]
    public void Decode_BadPacket_ThrowsTheProtocolExceptionWithItsKind(string bytes, ServoError kind)
    {
        var error = Assert.Throws<ServoProtocolException>(() => FeetechPacket.Decode(Hex.Bytes(bytes), FeetechPacketKind.Reply));

        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void Decoder_SkipsFfPaddingAndGarbage_AndFindsBothPackets()
    {
        var decoder = new FeetechPacketDecoder(FeetechPacketKind.Reply);
        decoder.Append(Hex.Bytes("12 FF 34 FF FF FF 01 04 00 00 08 F2 55 FF FF 02 02 00 FB"));

        Assert.Equal(DecodeStatus.Packet, decoder.TryDecode(out var first));
        Assert.Equal(1, first.Id);
        Assert.Equal(DecodeStatus.Packet, decoder.TryDecode(out var second));
        Assert.Equal(2, second.Id);
        Assert.Equal(DecodeStatus.NeedMoreData, decoder.TryDecode(out _));
    }

    [Fact]
    public void Decoder_BadChecksum_IsRejectedAndResynchronises()
    {
        var decoder = new FeetechPacketDecoder(FeetechPacketKind.Reply);
        decoder.Append(Hex.Bytes("FF FF 01 04 00 00 08 F3 FF FF 02 02 00 FB"));

        Assert.Equal(DecodeStatus.Rejected, decoder.TryDecode(out _));
        Assert.Equal(ServoError.BadCrc, decoder.LastRejection);
        var status = decoder.TryDecode(out var packet);
        while (status == DecodeStatus.Rejected)
        {
            status = decoder.TryDecode(out packet);
        }

        Assert.Equal(DecodeStatus.Packet, status);
        Assert.Equal(2, packet.Id);
    }

    [Fact]
    public void Encode_TooManyParameters_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => FeetechPacketWriter.EncodeInstruction(new byte[400], 1, FeetechInstruction.Write, new byte[254]));

        Assert.Contains("253", error.Message, StringComparison.Ordinal);
    }

    private void AssertPacket(string expected, int length) => Assert.Equal(expected, Hex.Text(_buffer.AsSpan(0, length)));
}
