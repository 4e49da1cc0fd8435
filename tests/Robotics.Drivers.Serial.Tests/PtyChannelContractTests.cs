using Robotics.Drivers.Channels;
using Robotics.Drivers.Serial.Tests.Support;
using Robotics.Drivers.Tests.Channels;

namespace Robotics.Drivers.Serial.Tests;

/// <summary>
/// The channel contract on two <see cref="TermiosSerialPort"/>s joined by a socat pty pair (a fresh pair per test).
/// A pty ignores the rate on the line, but the kernel stores and reports it, so this also shows the rate is accepted.
/// </summary>
public abstract class PtyChannelContractTests : ByteChannelContractTests, IDisposable
{
    private SocatPtyPair? _socat;

    protected abstract int BaudRate { get; }

    protected override (IByteChannel A, IByteChannel B) CreatePair()
    {
        _socat = SocatPtyPair.Start();
        var a = TermiosSerialPort.Open(_socat.PathA, BaudRate);
        try
        {
            var b = TermiosSerialPort.Open(_socat.PathB, BaudRate);
            Assert.Equal(BaudRate, a.BaudRate);
            Assert.Equal(BaudRate, b.BaudRate);
            return (a, b);
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }

    // Re-implemented so xunit's dispose also stops socat, after the base closed both ports.
    void IDisposable.Dispose()
    {
        Dispose();
        _socat?.Dispose();
        GC.SuppressFinalize(this);
    }
}
