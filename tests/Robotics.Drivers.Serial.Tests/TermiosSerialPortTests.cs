using System.Diagnostics;
using Robotics.Drivers.Serial.Tests.Support;

namespace Robotics.Drivers.Serial.Tests;

/// <summary>What the termios port does beyond the channel contract, on a real pty pair.</summary>
public sealed class TermiosSerialPortTests : IDisposable
{
    private readonly SocatPtyPair _socat = SocatPtyPair.Start();

    [Theory]
    [InlineData(250_000)]   // DMX512's rate: not in the kernel's table, so it goes as BOTHER
    [InlineData(1_234_567)] // any number at all
    [InlineData(2_000_000)] // in the table (B2000000)
    [InlineData(9_600)]
    public void Open_AtAnyRate_ReportsItAndCarriesBytes(int rate)
    {
        using var a = TermiosSerialPort.Open(_socat.PathA, rate);
        using var b = TermiosSerialPort.Open(_socat.PathB, rate);

        a.Write([0x55, 0xAA, 0x00, 0xFF]);

        Assert.Equal(rate, a.BaudRate);
        Assert.Equal(new byte[] { 0x55, 0xAA, 0x00, 0xFF }, ReadExactly(b, 4));
    }

    [Fact]
    public void Open_OnAPty_GetsNoLowLatencyButStillOpens()
    {
        using var a = TermiosSerialPort.Open(new SerialPortOptions { Path = _socat.PathA, BaudRate = 1_000_000, RequestLowLatency = true });

        Assert.False(a.IsLowLatency); // a pty has no serial_struct (TIOCGSERIAL: ENOTTY)
        Assert.Equal(_socat.PathA, a.Name);
    }

    [Fact]
    public void Open_DropsBytesThatArrivedBeforeIt()
    {
        using var watcher = new RawPtyEnd(_socat.PathB);
        using var a = TermiosSerialPort.Open(_socat.PathA, 1_000_000);
        a.Write([1, 2, 3]);
        Assert.True(watcher.WaitReadable(TimeSpan.FromSeconds(5)), "the bytes never reached the other end");

        using var b = TermiosSerialPort.Open(_socat.PathB, 1_000_000);
        a.Write([4]);

        Assert.Equal(new byte[] { 4 }, ReadExactly(b, 1));
    }

    [Fact]
    public void Open_TakesExclusiveMode_AndDisposeLeavesIt()
    {
        using var watcher = new RawPtyEnd(_socat.PathA); // keeps the slave open across the port's close
        var port = TermiosSerialPort.Open(_socat.PathA, 115_200);
        Assert.True(watcher.IsExclusive);

        port.Dispose();

        // Left set, a non-root user's next open of this pty would fail with EBUSY (root is exempt, so a root test
        // run would not notice by reopening).
        Assert.False(watcher.IsExclusive);
        using var again = TermiosSerialPort.Open(_socat.PathA, 115_200);
    }

    [Fact]
    public void Read_ReturnsWhatArrivedWithoutWaitingToFillTheBuffer()
    {
        using var a = TermiosSerialPort.Open(_socat.PathA, 1_000_000);
        using var b = TermiosSerialPort.Open(_socat.PathB, 1_000_000);
        var buffer = new byte[64];
        a.Write([7, 8, 9]);
        var watch = Stopwatch.StartNew();

        var read = b.Read(buffer, TimeSpan.FromSeconds(10));

        Assert.InRange(read, 1, 3);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Read_WithASubMillisecondTimeout_ReturnsZeroSoon()
    {
        using var b = TermiosSerialPort.Open(_socat.PathB, 1_000_000);
        var watch = Stopwatch.StartNew();

        var read = b.Read(new byte[8], TimeSpan.FromMicroseconds(200));

        Assert.Equal(0, read);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"a 0.2 ms wait took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Read_IntoAnEmptyBuffer_ReturnsZeroAtOnce()
    {
        using var b = TermiosSerialPort.Open(_socat.PathB, 1_000_000);

        Assert.Equal(0, b.Read([], Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Read_WithTheLongestTimeout_StillReturnsWhatArrives()
    {
        using var a = TermiosSerialPort.Open(_socat.PathA, 1_000_000);
        using var b = TermiosSerialPort.Open(_socat.PathB, 1_000_000);
        a.Write([5]);
        var buffer = new byte[1];

        Assert.Equal(1, b.Read(buffer, TimeSpan.MaxValue));
        Assert.Equal(5, buffer[0]);
    }

    [Fact]
    public void Read_WithANegativeTimeout_Throws()
    {
        using var b = TermiosSerialPort.Open(_socat.PathB, 1_000_000);

        Assert.Throws<ArgumentOutOfRangeException>(() => b.Read(new byte[1], TimeSpan.FromMilliseconds(-5)));
    }

    [Fact]
    public void Read_AfterTheOtherEndVanished_ThrowsDisconnectedNamingThePort()
    {
        using var b = TermiosSerialPort.Open(_socat.PathB, 1_000_000);

        _socat.Stop(); // as if the adapter were unplugged

        var e = Assert.Throws<SerialPortException>(() => b.Read(new byte[8], TimeSpan.FromSeconds(5)));
        Assert.Equal(SerialPortError.Disconnected, e.Error);
        Assert.Contains(_socat.PathB, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AfterTheOtherEndVanished_ThrowsDisconnected()
    {
        using var b = TermiosSerialPort.Open(_socat.PathB, 1_000_000);

        _socat.Stop();

        var e = Assert.Throws<SerialPortException>(() => b.Write([1, 2, 3]));
        Assert.Equal(SerialPortError.Disconnected, e.Error);
    }

    [Fact]
    public void Disposed_EveryCallThrowsObjectDisposed_AndDisposeTwiceIsFine()
    {
        var a = TermiosSerialPort.Open(_socat.PathA, 1_000_000);
        a.Dispose();
        a.Dispose();

        Assert.Throws<ObjectDisposedException>(() => a.Read(new byte[1], TimeSpan.Zero));
        Assert.Throws<ObjectDisposedException>(a.DiscardInput);
        Assert.Throws<ObjectDisposedException>(() => a.Write([1]));
    }

    public void Dispose() => _socat.Dispose();

    private static byte[] ReadExactly(TermiosSerialPort port, int count)
    {
        var result = new byte[count];
        var got = 0;
        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (got < count && Stopwatch.GetTimestamp() < deadline)
        {
            got += port.Read(result.AsSpan(got), TimeSpan.FromMilliseconds(100));
        }

        Assert.True(got == count, $"read {got} of {count} bytes from {port.Name}");
        return result;
    }
}
