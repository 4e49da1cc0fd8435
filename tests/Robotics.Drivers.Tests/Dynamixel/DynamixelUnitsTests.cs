using Robotics.Drivers.Dynamixel;

namespace Robotics.Drivers.Tests.Dynamixel;

public class DynamixelUnitsTests
{
    [Fact]
    public void Position_4096TicksAreOneTurn()
    {
        Assert.Equal(2 * Math.PI, DynamixelUnits.TicksToRadians(4096), 12);
        Assert.Equal(2048, DynamixelUnits.RadiansToTicks(Math.PI));
        Assert.Equal(-1024, DynamixelUnits.RadiansToTicks(-Math.PI / 2));
    }

    [Fact]
    public void Velocity_UnitIs0229Rpm()
    {
        // 100 units = 22.9 rpm = 22.9 * 2π / 60 rad/s.
        Assert.Equal(22.9 * 2 * Math.PI / 60, DynamixelUnits.VelocityToRadiansPerSecond(100), 12);
        Assert.Equal(100, DynamixelUnits.RadiansPerSecondToVelocity(22.9 * 2 * Math.PI / 60));
    }

    [Fact]
    public void Current_UnitDependsOnTheModel()
    {
        Assert.Equal(100.0, DynamixelUnits.CurrentToMilliamps(100, DynamixelModel.XL330M288), 12);
        Assert.Equal(269.0, DynamixelUnits.CurrentToMilliamps(100, DynamixelModel.XM430W210), 9);
        Assert.Equal(372, DynamixelUnits.MilliampsToCurrent(1000, DynamixelModel.XM430W210));
    }

    [Fact]
    public void VoltageTemperaturePwm_AreScaledAsTheTablesSay()
    {
        Assert.Equal(11.9, DynamixelUnits.VoltageToVolts(119), 12);
        Assert.Equal(120, DynamixelUnits.VoltsToVoltage(12.0));
        Assert.Equal(36.0, DynamixelUnits.TemperatureToCelsius(36));
        Assert.Equal(100.0, DynamixelUnits.PwmToPercent(885), 12);
    }

    [Fact]
    public void ReturnDelayAndWatchdog_UseTheirTimeUnits()
    {
        Assert.Equal(TimeSpan.FromMicroseconds(500), DynamixelUnits.ReturnDelayToTime(250));
        Assert.Equal(250, DynamixelUnits.TimeToReturnDelay(TimeSpan.FromMicroseconds(500)));
        Assert.Equal(TimeSpan.FromMilliseconds(100), DynamixelUnits.BusWatchdogToTime(5));
        Assert.Equal(TimeSpan.Zero, DynamixelUnits.BusWatchdogToTime(-1));
        Assert.Equal(5, DynamixelUnits.TimeToBusWatchdog(TimeSpan.FromMilliseconds(100)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e12)]
    public void RadiansToTicks_NonFiniteOrHuge_IsRefusedNamingTheArgument(double radians)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DynamixelUnits.RadiansToTicks(radians));

        Assert.Equal("radians", error.ParamName);
    }

    [Fact]
    public void TimeToBusWatchdog_OutsideItsRange_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamixelUnits.TimeToBusWatchdog(TimeSpan.FromSeconds(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DynamixelUnits.TimeToBusWatchdog(TimeSpan.Zero));
    }
}
