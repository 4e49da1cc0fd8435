using Robotics.Drivers.Serial.Interop;
using Robotics.Drivers.Serial.Tests.Support;

namespace Robotics.Drivers.Serial.Tests;

/// <summary>Each failure a user meets names the port and says what to do.</summary>
public sealed class SerialPortErrorTests
{
    [Fact]
    public void Open_AMissingPort_ThrowsNotFoundNamingThePathAndWhereToLook()
    {
        var path = Path.Combine(Path.GetTempPath(), $"robotics-no-such-port-{Guid.NewGuid():N}", "ttyUSB7");

        var e = Assert.Throws<SerialPortException>(() => TermiosSerialPort.Open(path, 1_000_000));

        Assert.Equal(SerialPortError.NotFound, e.Error);
        Assert.Equal(path, e.PortPath);
        Assert.Equal(SerialErrors.NoEntry, e.ErrorNumber);
        Assert.Equal($"no such port {path}: is the adapter plugged in? see `ls /dev/serial/by-id`", e.Message);
    }

    [Fact]
    public void Open_APortAlreadyOpen_ThrowsBusy_AndTheFirstKeepsWorking()
    {
        using var socat = SocatPtyPair.Start();
        using var first = TermiosSerialPort.Open(socat.PathA, 1_000_000);
        using var other = TermiosSerialPort.Open(socat.PathB, 1_000_000);

        var e = Assert.Throws<SerialPortException>(() => TermiosSerialPort.Open(socat.PathA, 1_000_000));

        Assert.Equal(SerialPortError.Busy, e.Error);
        Assert.StartsWith($"{socat.PathA} is busy: another program has it open", e.Message, StringComparison.Ordinal);
        first.Write([42]);
        var buffer = new byte[1];
        Assert.Equal(1, other.Read(buffer, TimeSpan.FromSeconds(5)));
        Assert.Equal(42, buffer[0]);
    }

    [Fact]
    public void Open_ADeviceThatIsNoTerminal_ThrowsNotASerialPort()
    {
        var e = Assert.Throws<SerialPortException>(() => TermiosSerialPort.Open("/dev/null", 115_200));

        Assert.Equal(SerialPortError.NotASerialPort, e.Error);
        Assert.StartsWith("/dev/null is not a serial port", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ADirectory_ThrowsNotASerialPort()
    {
        var e = Assert.Throws<SerialPortException>(() => TermiosSerialPort.Open(Path.GetTempPath(), 115_200));

        Assert.Equal(SerialPortError.NotASerialPort, e.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Options_WithANonPositiveBaudRate_AreRejectedNamingTheRate(int rate)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SerialPortOptions { Path = "/dev/ttyUSB0", BaudRate = rate });

        Assert.Equal("BaudRate", e.ParamName);
        Assert.Contains($"baud rate {rate} is not a rate", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Options_WithAnEmptyPath_AreRejected(string path)
    {
        var e = Assert.Throws<ArgumentException>(() => new SerialPortOptions { Path = path, BaudRate = 115_200 });

        Assert.Contains("ls /dev/serial/by-id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaudRate_TheDriverMissesByMoreThan2Percent_IsUnsupported()
    {
        Assert.True(BaudRateTable.IsCloseEnough(1_000_000, 1_000_000));
        Assert.True(BaudRateTable.IsCloseEnough(1_000_000, 980_000));
        Assert.True(BaudRateTable.IsCloseEnough(250_000, 255_000));
        Assert.False(BaudRateTable.IsCloseEnough(1_000_000, 979_999));
        Assert.False(BaudRateTable.IsCloseEnough(1_000_000, 1_030_000));

        var e = SerialErrors.BaudRateNotMet("/dev/ttyUSB0", 1_000_000, 1_030_000);

        Assert.Equal(SerialPortError.UnsupportedBaudRate, e.Error);
        Assert.StartsWith("the driver of /dev/ttyUSB0 runs at 1030000 baud when 1000000 was asked (3% off", e.Message, StringComparison.Ordinal);
    }

    // Failures a root test run cannot cause on a pty (root passes permission checks; ptys take every rate): the one
    // translation table, checked directly.
    [Theory]
    [InlineData((int)SerialOperation.Open, SerialErrors.AccessDenied, SerialPortError.PermissionDenied, "permission denied opening /dev/ttyUSB0: add your user to the group that owns it (dialout")]
    [InlineData((int)SerialOperation.Open, SerialErrors.NotPermitted, SerialPortError.PermissionDenied, "permission denied opening /dev/ttyUSB0")]
    [InlineData((int)SerialOperation.Open, SerialErrors.Busy, SerialPortError.Busy, "/dev/ttyUSB0 is busy: another program has it open")]
    [InlineData((int)SerialOperation.Lock, SerialErrors.TryAgain, SerialPortError.Busy, "/dev/ttyUSB0 is busy")]
    [InlineData((int)SerialOperation.Open, SerialErrors.NoDeviceOrAddress, SerialPortError.NotFound, "/dev/ttyUSB0 exists but no device answers behind it")]
    [InlineData((int)SerialOperation.SetAttributes, SerialErrors.InvalidArgument, SerialPortError.UnsupportedBaudRate, "the driver of /dev/ttyUSB0 refused 1234567 baud")]
    [InlineData((int)SerialOperation.Read, SerialErrors.InputOutput, SerialPortError.Disconnected, "/dev/ttyUSB0 went away")]
    [InlineData((int)SerialOperation.Write, 28, SerialPortError.Io, "writing to /dev/ttyUSB0 failed: No space left on device, errno 28")]
    public void Errno_IsTranslatedWithAnAction(int operation, int errno, SerialPortError error, string messageStart)
    {
        var e = SerialErrors.FromErrno((SerialOperation)operation, "/dev/ttyUSB0", errno, baudRate: 1_234_567);

        Assert.Equal(error, e.Error);
        Assert.Equal(errno, e.ErrorNumber);
        Assert.Equal("/dev/ttyUSB0", e.PortPath);
        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
    }
}
