namespace Robotics.Drivers.Serial.Tests;

/// <summary>1,000,000 baud: the rate Dynamixel and Feetech buses run at.</summary>
public sealed class PtyContractTestsAt1Mbps : PtyChannelContractTests
{
    protected override int BaudRate => 1_000_000;
}
