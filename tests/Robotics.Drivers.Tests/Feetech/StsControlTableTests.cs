using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using T = Robotics.Drivers.Feetech.StsControlTable;

namespace Robotics.Drivers.Tests.Feetech;

public class StsControlTableTests
{
    public static TheoryData<string, int, int> SdkItems() => new()
    {
        // SMS_STS.h addresses (and LeRobot tables.py sizes).
        { "Model Number", 3, 2 }, { "ID", 5, 1 }, { "Baud Rate", 6, 1 }, { "Min Position Limit", 9, 2 },
        { "Max Position Limit", 11, 2 }, { "Homing Offset", 31, 2 }, { "Operating Mode", 33, 1 }, { "Torque Enable", 40, 1 },
        { "Acceleration", 41, 1 }, { "Goal Position", 42, 2 }, { "Goal Time", 44, 2 }, { "Goal Speed", 46, 2 },
        { "Lock", 55, 1 }, { "Present Position", 56, 2 }, { "Present Speed", 58, 2 }, { "Present Load", 60, 2 },
        { "Present Voltage", 62, 1 }, { "Present Temperature", 63, 1 }, { "Moving", 66, 1 }, { "Present Current", 69, 2 },
    };

    [Theory]
    [MemberData(nameof(SdkItems))]
    public void Register_HasTheSdkAddressAndSize(string name, int address, int size)
    {
        var register = Assert.Single(T.All, r => r.Name == name);

        Assert.Equal(address, register.Address);
        Assert.Equal(size, register.Size);
    }

    [Fact]
    public void Registers_AreInAddressOrderAndDoNotOverlap()
    {
        for (var i = 1; i < T.All.Count; i++)
        {
            Assert.True(T.All[i - 1].End <= T.All[i].Address, $"{T.All[i - 1]} overlaps {T.All[i]}");
        }
    }

    [Fact]
    public void SignBits_AreThoseOfTheSdkAndLeRobot()
    {
        Assert.Equal(15, T.GoalPosition.SignBit);
        Assert.Equal(15, T.PresentPosition.SignBit);
        Assert.Equal(15, T.GoalSpeed.SignBit);
        Assert.Equal(15, T.PresentSpeed.SignBit);
        Assert.Equal(11, T.HomingOffset.SignBit);
        Assert.Equal(10, T.PresentLoad.SignBit);
        Assert.Equal(15, T.PresentCurrent.SignBit);
    }

    [Theory]
    [InlineData(0, "00 00")]
    [InlineData(1000, "E8 03")]
    [InlineData(-1000, "E8 83")]
    [InlineData(32767, "FF 7F")]
    [InlineData(-32767, "FF FF")]
    public void GoalSpeed_SignMagnitudeBytes(int value, string bytes)
    {
        var encoded = new byte[2];

        T.GoalSpeed.Encode(value, encoded);

        Assert.Equal(bytes, Hex.Text(encoded));
        Assert.Equal(value, T.GoalSpeed.Decode(encoded));
    }

    [Fact]
    public void HomingOffset_NegativeUsesBit11()
    {
        var encoded = new byte[2];

        T.HomingOffset.Encode(-5, encoded);

        Assert.Equal("05 08", Hex.Text(encoded));
        Assert.Throws<ArgumentOutOfRangeException>(() => T.HomingOffset.Encode(2048, encoded));
    }

    [Fact]
    public void PresentLoad_NegativeUsesBit10()
    {
        Assert.Equal(-500, T.PresentLoad.Decode([0xF4, 0x05])); // 0x05F4 = 1024 + 500
    }

    [Theory]
    [InlineData(0, 1_000_000)]
    [InlineData(4, 115_200)]
    [InlineData(6, 57_600)]
    [InlineData(7, 38_400)]
    public void BaudRate_FollowsTheVendorHeader(byte value, int bitsPerSecond)
    {
        Assert.Equal(bitsPerSecond, FeetechBaudRate.ToBitsPerSecond(value));
        Assert.Equal(value, FeetechBaudRate.FromBitsPerSecond(bitsPerSecond));
    }

    [Fact]
    public void Units_ConvertTheStsScales()
    {
        Assert.Equal(Math.PI, FeetechUnits.TicksToRadians(2048), 12);
        Assert.Equal(1024, FeetechUnits.RadiansToTicks(Math.PI / 2));
        Assert.Equal(0.732, FeetechUnits.SpeedToRadiansPerSecond(50) * 60 / (2 * Math.PI), 3); // 50 steps/s = 0.732 rpm
        Assert.Equal(650.0, FeetechUnits.CurrentToMilliamps(100), 9);
        Assert.Equal(12.1, FeetechUnits.VoltageToVolts(121), 12);
        Assert.Equal(50.0, FeetechUnits.LoadToPercent(500), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeetechUnits.RadiansPerSecondToSpeed(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => FeetechUnits.RadiansPerSecondToSpeed(100));
    }
}
