namespace Robotics.Drivers.Serial.Tests;

/// <summary>115,200 baud: the common default of USB-serial devices and bootloaders.</summary>
public sealed class PtyContractTestsAt115200 : PtyChannelContractTests
{
    protected override int BaudRate => 115_200;
}
