using System.Buffers.Binary;
using Robotics.Drivers.Dynamixel;

namespace Robotics.Drivers.Tests.Dynamixel;

public class DynamixelCrcTests
{
    public static TheoryData<string> EManualPackets() => new(Dynamixel.EManualPackets.All);

    [Theory]
    [MemberData(nameof(EManualPackets))]
    public void Compute_OverEveryEManualPacket_GivesItsPrintedCrc(string packet)
    {
        var bytes = Hex.Bytes(packet);

        var crc = DynamixelCrc.Compute(bytes.AsSpan(0, bytes.Length - 2));

        Assert.Equal(BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(bytes.Length - 2)), crc);
    }

    [Fact]
    public void Compute_InPieces_EqualsComputeInOneGo()
    {
        var bytes = Hex.Bytes(Dynamixel.EManualPackets.SyncWriteGoalIds12);

        var whole = DynamixelCrc.Compute(bytes);
        var pieces = DynamixelCrc.Compute(bytes.AsSpan(9), DynamixelCrc.Compute(bytes.AsSpan(0, 9)));

        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Compute_OfCheckString_IsTheCrc16BuypassCheckValue()
    {
        // CRC-16/BUYPASS (poly 0x8005, init 0, no reflection) of "123456789" is 0xFEE8 in the CRC catalogue.
        Assert.Equal(0xFEE8, DynamixelCrc.Compute("123456789"u8));
    }
}
