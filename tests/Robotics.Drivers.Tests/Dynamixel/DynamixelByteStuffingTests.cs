using FsCheck;
using FsCheck.Fluent;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Dynamixel;

public class DynamixelByteStuffingTests
{
    [Theory]
    [InlineData("FF FF FD", "FF FF FD FD")]
    [InlineData("FF FF FD FD", "FF FF FD FD FD")]
    [InlineData("FF FF FF FD", "FF FF FF FD FD")]
    [InlineData("FF FF FD FF FF FD", "FF FF FD FD FF FF FD FD")]
    [InlineData("FF FD FF FD", "FF FD FF FD")]
    [InlineData("01 02 03", "01 02 03")]
    public void Stuff_InsertsFdAfterEachHeaderPattern(string region, string stuffed)
    {
        var destination = new byte[32];

        var n = DynamixelByteStuffing.Stuff(Hex.Bytes(region), destination);

        Assert.Equal(stuffed, Hex.Text(destination.AsSpan(0, n)));
    }

    [Fact]
    public void Write_DataHoldingTheHeader_IsStuffedAndTheLengthCountsTheExtraByte()
    {
        // Write FF FF FD to Indirect Data 1 (224): the region 03 E0 00 FF FF FD gains one FD, so the length is
        // 7 stuffed region bytes + 2 CRC = 9 (the e-manual's "parameters + 3" is 8 before stuffing).
        var buffer = new byte[64];

        var n = DynamixelInstructions.Write(buffer, 1, 224, [0xFF, 0xFF, 0xFD]);

        var packet = buffer.AsSpan(0, n);
        Assert.Equal("FF FF FD 00 01 09 00 03 E0 00 FF FF FD FD", Hex.Text(packet[..^2]));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFD }, DynamixelPacket.Decode(packet).Parameters[2..].ToArray());
    }

    [Fact]
    public void Decode_BareHeaderInsideTheBody_IsMalformed()
    {
        // A valid CRC over a body holding FF FF FD 01: no encoder writes that, so the decoder refuses it.
        var buffer = new byte[32];
        buffer[7] = (byte)DynamixelInstruction.Write;
        new byte[] { 0xE0, 0x00, 0xFF, 0xFF, 0xFD, 0x01 }.CopyTo(buffer, 8);
        var n = Frame(buffer, 7);

        var error = Assert.Throws<ServoProtocolException>(() => DynamixelPacket.Decode(buffer.AsSpan(0, n)));

        Assert.Equal(ServoError.Malformed, error.Kind);
    }

    [Fact]
    public void StuffThenUnstuff_GivesTheRegionBack_ForAnyBytes()
    {
        Prop.ForAll(HeaderRichBytes().ToArbitrary(), region =>
        {
            var stuffed = new byte[region.Length * 2];
            var n = DynamixelByteStuffing.Stuff(region, stuffed);
            var back = new byte[n];
            var ok = DynamixelByteStuffing.TryUnstuff(stuffed.AsSpan(0, n), back, out var m);
            return ok && back.AsSpan(0, m).SequenceEqual(region) && !ContainsBareHeader(stuffed.AsSpan(0, n));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5_000));
    }

    [Fact]
    public void EncodeThenDecode_GivesThePacketBack_ForAnyParameters()
    {
        var buffer = new byte[1024];
        Prop.ForAll(HeaderRichBytes().ToArbitrary(), ArbMap.Default.GeneratorFor<byte>().ToArbitrary(), (parameters, id) =>
        {
            var servoId = (byte)(id % 253);
            var n = DynamixelPacketWriter.EncodeInstruction(buffer, servoId, DynamixelInstruction.Write, parameters);
            var packet = DynamixelPacket.Decode(buffer.AsSpan(0, n));
            var length = buffer[5] | (buffer[6] << 8);
            return packet.Id == servoId
                && packet.Instruction == DynamixelInstruction.Write
                && packet.Parameters.Span.SequenceEqual(parameters)
                && length == n - 7;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(5_000));
    }

    /// <summary>Bytes drawn mostly from FF and FD so header patterns and their neighbours are common.</summary>
    internal static Gen<byte[]> HeaderRichBytes() =>
        Gen.Frequency(
            (4, Gen.Constant((byte)0xFF)),
            (3, Gen.Constant((byte)0xFD)),
            (1, Gen.Constant((byte)0x00)),
            (2, ArbMap.Default.GeneratorFor<byte>()))
        .ArrayOf()
        .Select(bytes => bytes.Length > 300 ? bytes[..300] : bytes);

    private static bool ContainsBareHeader(ReadOnlySpan<byte> stuffed)
    {
        // After stuffing, every FF FF FD is followed by FD: a receiver never mistakes the body for a header.
        for (var i = 0; i + 3 < stuffed.Length; i++)
        {
            if (stuffed[i] == 0xFF && stuffed[i + 1] == 0xFF && stuffed[i + 2] == 0xFD && stuffed[i + 3] != 0xFD)
            {
                return true;
            }
        }

        return stuffed.Length >= 3 && stuffed[^3] == 0xFF && stuffed[^2] == 0xFF && stuffed[^1] == 0xFD;
    }

    // Frames an unstuffed-looking region as is (no stuffing), with a correct CRC.
    private static int Frame(byte[] buffer, int regionLength)
    {
        new byte[] { 0xFF, 0xFF, 0xFD, 0x00, 0x01 }.CopyTo(buffer, 0);
        buffer[5] = (byte)(regionLength + 2);
        buffer[6] = 0;
        var crc = DynamixelCrc.Compute(buffer.AsSpan(0, 7 + regionLength));
        buffer[7 + regionLength] = (byte)crc;
        buffer[8 + regionLength] = (byte)(crc >> 8);
        return 9 + regionLength;
    }
}
