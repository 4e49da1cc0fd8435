using Robotics.Drivers.Serial.Tests.Support;

namespace Robotics.Cli.Tests;

/// <summary>
/// End to end without hardware: `robotics bus emulate` serves emulated servos on one end of a socat pty pair, and
/// `robotics motors` talks to them through the real termios driver on the other end at 1 Mbps settings.
/// </summary>
[Collection(ServoBusOverPty.Collection)]
public sealed class MotorsCommandTests
{
    [Theory]
    [InlineData("dynamixel")]
    [InlineData("feetech")]
    public void ScanStatusAndCalibrate_ReachTheEmulatedServosThroughAPty(string protocol)
    {
        using var pty = SocatPtyPair.Start();
        using var emulator = RoboticsProcess.Start(null, "bus", "emulate", "--protocol", protocol, "--port", pty.PathA, "--ids", "1,2,3", "--duration", "60");
        try
        {
            Assert.Contains("emulating 3", emulator.StandardOutput.ReadLine() ?? string.Empty, StringComparison.Ordinal);

            // 50 ms per reply rather than the 10 ms default: in CI the emulator process (JIT, a loaded 2-core machine)
            // once answered too late for every id and the scan found nothing. A scan then takes ~13 s for 253 ids.
            var scan = RoboticsProcess.Run("motors", "scan", "--protocol", protocol, "--port", pty.PathB, "--json", "--latency-ms", "50");
            Assert.True(scan.ExitCode == 0, scan.Output + scan.Error);
            Assert.Contains("\"id\":1", scan.Output, StringComparison.Ordinal);
            Assert.Contains("\"id\":3", scan.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("\"id\":4", scan.Output, StringComparison.Ordinal);

            var status = RoboticsProcess.Run("motors", "status", "--protocol", protocol, "--port", pty.PathB, "--ids", "1,2,3", "--latency-ms", "50");
            Assert.True(status.ExitCode == 0, status.Output + status.Error);
            Assert.Contains("id=2  torque=0  position=2048", status.Output, StringComparison.Ordinal);

            var calibrate = RoboticsProcess.Run("motors", "calibrate", "--protocol", protocol, "--port", pty.PathB, "--ids", "1,2,3", "--latency-ms", "50");
            Assert.Contains("zero_ticks: [2048, 2048, 2048]", calibrate.Output, StringComparison.Ordinal);
            Assert.Contains("min_ticks: [0, 0, 0]", calibrate.Output, StringComparison.Ordinal); // the limits verified at connect (H32)
            Assert.Contains("max_ticks: [4095, 4095, 4095]", calibrate.Output, StringComparison.Ordinal);
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            emulator.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void MissingPort_IsAClearError()
    {
        var result = RoboticsProcess.Run("motors", "scan", "--protocol", "dynamixel", "--port", "/dev/ttyNOPE0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/dev/ttyNOPE0", result.Error, StringComparison.Ordinal);
    }
}
