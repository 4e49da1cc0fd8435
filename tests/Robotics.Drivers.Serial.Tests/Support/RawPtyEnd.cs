using Robotics.Drivers.Serial.Interop;

namespace Robotics.Drivers.Serial.Tests.Support;

/// <summary>
/// A plain descriptor on a pty end, opened without locking or exclusive mode: it watches what the port under test
/// does to the tty (exclusive flag, queued input) and keeps the slave open so socat does not see it close.
/// </summary>
internal sealed unsafe class RawPtyEnd : IDisposable
{
    private readonly int _fd;

    public RawPtyEnd(string path)
    {
        _fd = Libc.Open(path, Libc.OpenReadWrite | Libc.OpenNoControllingTty | Libc.OpenNonBlocking | Libc.OpenCloseOnExec, 0);
        Assert.True(_fd >= 0, $"open {path} failed: errno {SerialErrors.LastErrno}");
    }

    /// <summary>TIOCGEXCL: whether the tty is in exclusive mode now.</summary>
    public bool IsExclusive
    {
        get
        {
            var exclusive = 0;
            Assert.Equal(0, Libc.Ioctl(_fd, Libc.GetExclusive, &exclusive));
            return exclusive != 0;
        }
    }

    /// <summary>Waits (ppoll) until input is queued on the tty; false on timeout.</summary>
    public bool WaitReadable(TimeSpan timeout)
    {
        var descriptor = new PollDescriptor { Fd = _fd, Events = Libc.PollIn };
        var wait = new TimeSpec { Seconds = (nint)timeout.TotalSeconds, Nanoseconds = (nint)(timeout.Ticks % TimeSpan.TicksPerSecond * 100) };
        return Libc.PPoll(&descriptor, 1, &wait, null) == 1 && (descriptor.ReturnedEvents & Libc.PollIn) != 0;
    }

    public void Dispose() => _ = Libc.Close(_fd);
}
