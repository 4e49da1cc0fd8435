using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Servos;
using T = Robotics.Drivers.Dynamixel.XSeriesControlTable;

namespace Robotics.Drivers.Tests.Dynamixel;

public class XSeriesControlTableTests
{
    public static TheoryData<string, int, int> EManualItems() => new()
    {
        // Address and size of each item as the XL330-M288 / XM430-W210 e-manual tables list them.
        { "Model Number", 0, 2 }, { "Firmware Version", 6, 1 }, { "ID", 7, 1 }, { "Baud Rate", 8, 1 },
        { "Return Delay Time", 9, 1 }, { "Drive Mode", 10, 1 }, { "Operating Mode", 11, 1 }, { "Homing Offset", 20, 4 },
        { "Moving Threshold", 24, 4 }, { "Temperature Limit", 31, 1 }, { "Max Voltage Limit", 32, 2 },
        { "Min Voltage Limit", 34, 2 }, { "PWM Limit", 36, 2 }, { "Current Limit", 38, 2 }, { "Velocity Limit", 44, 4 },
        { "Max Position Limit", 48, 4 }, { "Min Position Limit", 52, 4 }, { "Shutdown", 63, 1 }, { "Torque Enable", 64, 1 },
        { "LED", 65, 1 }, { "Status Return Level", 68, 1 }, { "Hardware Error Status", 70, 1 }, { "Bus Watchdog", 98, 1 },
        { "Goal PWM", 100, 2 }, { "Goal Current", 102, 2 }, { "Goal Velocity", 104, 4 }, { "Profile Acceleration", 108, 4 },
        { "Profile Velocity", 112, 4 }, { "Goal Position", 116, 4 }, { "Moving", 122, 1 }, { "Present Current", 126, 2 },
        { "Present Velocity", 128, 4 }, { "Present Position", 132, 4 }, { "Present Input Voltage", 144, 2 },
        { "Present Temperature", 146, 1 },
    };

    [Theory]
    [MemberData(nameof(EManualItems))]
    public void Register_HasTheEManualAddressAndSize(string name, int address, int size)
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
    public void Eeprom_IsEverythingBelowTorqueEnable()
    {
        Assert.All(T.All, r => Assert.Equal(r.Address < 64, r.IsEeprom));
    }

    [Fact]
    public void PresentValues_AreReadOnly_GoalsWritable()
    {
        Assert.Equal(RegisterAccess.Read, T.PresentPosition.Access);
        Assert.Equal(RegisterAccess.Read, T.HardwareErrorStatus.Access);
        Assert.Equal(RegisterAccess.ReadWrite, T.GoalPosition.Access);
        Assert.Equal(RegisterAccess.ReadWrite, T.BusWatchdog.Access);
    }

    [Fact]
    public void GoalPosition_EncodesNegativeValuesAsTwosComplement()
    {
        var bytes = new byte[4];

        T.GoalPosition.Encode(-2, bytes);

        Assert.Equal(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF }, bytes);
        Assert.Equal(-2, T.GoalPosition.Decode(bytes));
    }

    [Fact]
    public void BusWatchdog_ReadsFiredStateAsMinusOne()
    {
        Assert.Equal(-1, T.BusWatchdog.Decode([0xFF]));
    }

    [Fact]
    public void Encode_ValueTheRegisterCannotHold_IsRefusedNamingTheRegister()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => T.TorqueEnable.Encode(256, new byte[1]));

        Assert.Contains("Torque Enable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Models_MatchTheirEManualFactoryValues()
    {
        Assert.Equal(1200, DynamixelModel.XL330M288.ModelNumber);
        Assert.Equal(1.0, DynamixelModel.XL330M288.CurrentUnitMilliamps);
        Assert.Equal(1030, DynamixelModel.XM430W210.ModelNumber);
        Assert.Equal(2.69, DynamixelModel.XM430W210.CurrentUnitMilliamps);
        Assert.Same(DynamixelModel.XM430W210, DynamixelModel.Find(1030));
        Assert.Null(DynamixelModel.Find(12));
    }

    [Theory]
    [InlineData(0, 9_600)]
    [InlineData(1, 57_600)]
    [InlineData(3, 1_000_000)]
    [InlineData(7, 4_500_000)]
    public void BaudRate_MapsRegisterValues(byte value, int bitsPerSecond)
    {
        Assert.Equal(bitsPerSecond, DynamixelBaudRate.ToBitsPerSecond(value));
        Assert.Equal(value, DynamixelBaudRate.FromBitsPerSecond(bitsPerSecond));
    }

    [Fact]
    public void BaudRate_UnknownSpeed_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamixelBaudRate.FromBitsPerSecond(250_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamixelBaudRate.ToBitsPerSecond(8));
    }
}
