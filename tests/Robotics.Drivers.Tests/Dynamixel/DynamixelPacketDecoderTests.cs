using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Servos;
using E = Robotics.Drivers.Tests.Dynamixel.EManualPackets;

namespace Robotics.Drivers.Tests.Dynamixel;

public class DynamixelPacketDecoderTests
{
    private readonly DynamixelPacketDecoder _decoder = new();

    [Fact]
    public void TryDecode_PacketArrivingOneByteAtATime_IsDecodedWhenComplete()
    {
        var bytes = Hex.Bytes(E.ReadStatusId1);

        for (var i = 0; i < bytes.Length - 1; i++)
        {
            _decoder.Append(bytes.AsSpan(i, 1));
            Assert.Equal(DecodeStatus.NeedMoreData, _decoder.TryDecode(out _));
        }

        _decoder.Append(bytes.AsSpan(bytes.Length - 1));
        Assert.Equal(DecodeStatus.Packet, _decoder.TryDecode(out var packet));
        Assert.Equal(1, packet.Id);
        Assert.True(packet.HasStatusByte);
        Assert.Equal(new byte[] { 0xA6, 0, 0, 0 }, packet.Parameters.ToArray());
    }

    [Fact]
    public void TryDecode_GarbageBeforeAndBetweenPackets_IsSkipped()
    {
        _decoder.Append(Hex.Bytes("00 13 FF 37 FF FF 42"));
        _decoder.Append(Hex.Bytes(E.PingStatusId1));
        _decoder.Append(Hex.Bytes("FD FD FF"));
        _decoder.Append(Hex.Bytes(E.PingStatusId2));

        Assert.Equal(new byte[] { 1, 2 }, DecodeAllIds());
        Assert.Equal(10, _decoder.DiscardedBytes);
    }

    [Fact]
    public void TryDecode_BadCrc_IsRejectedThenTheNextPacketIsFound()
    {
        var bad = Hex.Bytes(E.PingStatusId1);
        bad[^1] ^= 0x01;
        _decoder.Append(bad);
        _decoder.Append(Hex.Bytes(E.PingStatusId2));

        Assert.Equal(DecodeStatus.Rejected, _decoder.TryDecode(out _));
        Assert.Equal(ServoError.BadCrc, _decoder.LastRejection);
        Assert.Equal(new byte[] { 2 }, DecodeAllIds());
    }

    [Fact]
    public void TryDecode_LengthBeyondTheMaximum_IsRejectedAtOnce()
    {
        _decoder.Append(Hex.Bytes("FF FF FD 00 01 FF FF 55"));

        Assert.Equal(DecodeStatus.Rejected, _decoder.TryDecode(out _));
        Assert.Equal(ServoError.BadLength, _decoder.LastRejection);
    }

    [Fact]
    public void TryDecode_LengthBelowThree_IsRejected()
    {
        _decoder.Append(Hex.Bytes("FF FF FD 00 01 02 00 55 00"));

        Assert.Equal(DecodeStatus.Rejected, _decoder.TryDecode(out _));
        Assert.Equal(ServoError.BadLength, _decoder.LastRejection);
    }

    [Fact]
    public void TryDecode_InvalidId_IsRejectedAsMalformed()
    {
        _decoder.Append(Hex.Bytes("FF FF FD 00 FD 03 00 01 00 00"));

        Assert.Equal(DecodeStatus.Rejected, _decoder.TryDecode(out _));
        Assert.Equal(ServoError.Malformed, _decoder.LastRejection);
    }

    [Fact]
    public void TryDecode_HalfAPacket_ReportsAPartialPacket()
    {
        _decoder.Append(Hex.Bytes(E.ReadStatusId1).AsSpan(0, 8));

        Assert.Equal(DecodeStatus.NeedMoreData, _decoder.TryDecode(out _));
        Assert.True(_decoder.HasPartialPacket);
    }

    [Fact]
    public void TryDecode_StuffedPatternIsNotAHeader()
    {
        // FF FF FD FD is what stuffing leaves in a body; resynchronising must not start a packet there.
        _decoder.Append(Hex.Bytes("FF FF FD FD 01 07 00"));

        Assert.Equal(DecodeStatus.NeedMoreData, _decoder.TryDecode(out _));
        Assert.False(_decoder.HasPartialPacket);
    }

    [Theory]
    [InlineData("FF FF FD 00 01 07 00 55", ServoError.Truncated)]
    [InlineData("FF FF FD 00 01 07 00 55 00 06 04 26 65 5E", ServoError.BadCrc)]
    [InlineData("FF FF FD 00 01 07 00 55 00 06 04 26 65 5D 00", ServoError.BadLength)]
    [InlineData("00 FF FF FD 00 01 07 00 55 00 06 04 26 65 5D", ServoError.Malformed)]
    [InlineData("FF FF FD 00 01 02 00 55 00", ServoError.BadLength)]
    [InlineData("", ServoError.Truncated)]
    public void Decode_BadPacket_ThrowsTheProtocolExceptionWithItsKind(string bytes, ServoError kind)
    {
        var error = Assert.Throws<ServoProtocolException>(() => DynamixelPacket.Decode(Hex.Bytes(bytes)));

        Assert.Equal(kind, error.Kind);
    }

    [Fact]
    public void GetAppendSpan_ReceivingStraightIntoTheDecoder_Works()
    {
        var bytes = Hex.Bytes(E.PingStatusId1);

        bytes.CopyTo(_decoder.GetAppendSpan());
        _decoder.Commit(bytes.Length);

        Assert.Equal(DecodeStatus.Packet, _decoder.TryDecode(out _));
    }

    private byte[] DecodeAllIds()
    {
        var ids = new List<byte>();
        for (var guard = 0; guard < 1000; guard++)
        {
            var status = _decoder.TryDecode(out var packet);
            if (status == DecodeStatus.NeedMoreData)
            {
                return [.. ids];
            }

            if (status == DecodeStatus.Packet)
            {
                ids.Add(packet.Id);
            }
        }

        throw new InvalidOperationException("decoder did not drain");
    }
}
