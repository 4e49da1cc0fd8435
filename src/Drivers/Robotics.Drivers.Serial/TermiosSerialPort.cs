using System.Diagnostics;
using Robotics.Drivers.Channels;
using Robotics.Drivers.Serial.Interop;

namespace Robotics.Drivers.Serial;

/// <summary>
/// A serial port on Linux through termios: raw 8N1, no flow control, any baud rate the adapter can make, exclusive
/// to this process. Reads wait in ppoll for the first byte, then return what has arrived; writes return once every
/// byte is in the driver's queue. Not thread-safe: one bus owner (the control loop) uses it. Read and Write do not
/// allocate.
/// </summary>
public sealed unsafe class TermiosSerialPort : IByteChannel
{
    // serial_core's transmit ring (UART_XMIT_SIZE) and usb-serial's write FIFO are one page, 4096 bytes. A write that
    // found the queue full sees room again at the latest once that much went out at the line rate.
    private const int DriverQueueBytes = 4096;
    private const int BitsPerByte = 10; // 8N1: start + 8 data + stop

    private readonly SerialFileDescriptor _handle;
    private readonly long _writeStallTicks;

    private TermiosSerialPort(SerialFileDescriptor handle, string name, int baudRate, bool lowLatency)
    {
        (_handle, Name, BaudRate, IsLowLatency) = (handle, name, baudRate, lowLatency);
        // A second of slack (a loaded machine, USB scheduling) on top of the time the driver queue takes to drain.
        var stall = TimeSpan.FromSeconds(1 + (double)DriverQueueBytes * BitsPerByte / baudRate);
        (WriteStallTimeout, _writeStallTicks) = (stall, (long)(stall.TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>The path the port was opened with.</summary>
    public string Name { get; }

    /// <summary>The rate the driver reports it set (within 2% of the request; equal to it on most adapters).</summary>
    public int BaudRate { get; }

    /// <summary>Whether the driver took the low-latency request (FTDI does; ptys and CDC-ACM devices have nothing to tune).</summary>
    public bool IsLowLatency { get; }

    /// <summary>How long a write may make no progress before it fails with <see cref="SerialPortError.WriteStalled"/>.</summary>
    public TimeSpan WriteStallTimeout { get; }

    /// <summary>Opens <paramref name="path"/> at <paramref name="baudRate"/> with low latency requested.</summary>
    public static TermiosSerialPort Open(string path, int baudRate) => Open(new SerialPortOptions { Path = path, BaudRate = baudRate });

    /// <summary>Opens, locks and configures the port; throws <see cref="SerialPortException"/> naming what to fix.</summary>
    public static TermiosSerialPort Open(SerialPortOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.Path;
        var handle = SerialFileDescriptor.Open(path);
        try
        {
            var fd = handle.Fd;
            Termios2 settings;
            Check(Libc.Ioctl(fd, Libc.GetAttributes2, &settings), SerialOperation.QueryAttributes, path);

            // TIOCEXCL makes later opens fail with EBUSY, except for CAP_SYS_ADMIN (ioctl_tty(2)), so root would
            // still share the port; the flock (as pyserial's exclusive=True and serialport-rs take) also stops every
            // program that locks, root or not.
            Check(Libc.Flock(fd, Libc.LockExclusive | Libc.LockNonBlocking), SerialOperation.Lock, path);
            Check(Libc.Ioctl(fd, Libc.SetExclusive, null), SerialOperation.SetExclusive, path);
            handle.IsExclusive = true;

            RawLineSettings.Apply(ref settings, options.BaudRate);
            Check(Libc.Ioctl(fd, Libc.SetAttributes2, &settings), SerialOperation.SetAttributes, path, options.BaudRate);
            var actual = AppliedBaudRate(fd, path, options.BaudRate);

            var lowLatency = options.RequestLowLatency && TryRequestLowLatency(fd);

            // Bytes that arrived before the line was configured were sampled at the old rate: garbage to a decoder.
            Check(Libc.TcFlush(fd, Libc.FlushInput), SerialOperation.FlushInput, path);
            return new TermiosSerialPort(handle, path, actual, lowLatency);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            var fd = _handle.Fd;
            var written = 0;
            var lastProgress = Stopwatch.GetTimestamp();
            fixed (byte* bytes = data)
            {
                while (written < data.Length)
                {
                    var n = Libc.Write(fd, bytes + written, (nuint)(data.Length - written));
                    if (n > 0)
                    {
                        written += (int)n;
                        lastProgress = Stopwatch.GetTimestamp();
                        continue;
                    }

                    var errno = n < 0 ? SerialErrors.LastErrno : SerialErrors.TryAgain;
                    if (errno == SerialErrors.Interrupted)
                    {
                        continue;
                    }

                    if (errno != SerialErrors.TryAgain)
                    {
                        throw SerialErrors.FromErrno(SerialOperation.Write, Name, errno);
                    }

                    // The driver queue is full: wait for room, but not forever if the line stopped moving.
                    if (Wait(fd, Libc.PollOut, lastProgress + _writeStallTicks) == 0)
                    {
                        throw SerialErrors.WriteStalled(Name, written, data.Length, WriteStallTimeout);
                    }
                }
            }
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "a read timeout must be zero or more (or Timeout.InfiniteTimeSpan)");
        }

        if (buffer.IsEmpty)
        {
            return 0;
        }

        // Stopwatch, not TimeProvider: this deadline only re-arms ppoll after a signal, and the kernel's own clock
        // measures the wait; a fake clock could not make a real device answer sooner.
        var deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : DeadlineAfter(timeout);
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            var fd = _handle.Fd;
            fixed (byte* bytes = buffer)
            {
                while (Wait(fd, Libc.PollIn, deadline) != 0)
                {
                    var n = Libc.Read(fd, bytes, (nuint)buffer.Length);
                    if (n > 0)
                    {
                        return (int)n;
                    }

                    if (n == 0)
                    {
                        throw SerialErrors.HungUp(Name); // VMIN=1 + O_NONBLOCK: 0 means end of file, i.e. hang-up
                    }

                    // EAGAIN after POLLIN: someone flushed the input between the two calls; wait out the rest.
                    var errno = SerialErrors.LastErrno;
                    if (errno is not (SerialErrors.TryAgain or SerialErrors.Interrupted))
                    {
                        throw SerialErrors.FromErrno(SerialOperation.Read, Name, errno);
                    }
                }

                return 0;
            }
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public void DiscardInput()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            Check(Libc.TcFlush(_handle.Fd, Libc.FlushInput), SerialOperation.FlushInput, Name);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => _handle.Dispose();

    public override string ToString() => $"{Name} @ {BaudRate} baud";

    /// <summary>Stopwatch ticks <paramref name="timeout"/> from now, saturating (a timeout of years waits forever).</summary>
    private static long DeadlineAfter(TimeSpan timeout)
    {
        var now = Stopwatch.GetTimestamp();
        var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
        return ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
    }

    private static void Check(int result, SerialOperation operation, string path, int baudRate = 0)
    {
        if (result < 0)
        {
            throw SerialErrors.FromErrno(operation, path, SerialErrors.LastErrno, baudRate);
        }
    }

    /// <summary>Reads the settings back: drivers that cannot make a rate store the one they made (tty_encode_baud_rate).</summary>
    private static int AppliedBaudRate(int fd, string path, int requested)
    {
        Termios2 applied;
        Check(Libc.Ioctl(fd, Libc.GetAttributes2, &applied), SerialOperation.QueryAttributes, path);
        if (applied.OutputSpeed == 0)
        {
            return requested; // nothing reported: trust the request rather than invent a rate
        }

        return BaudRateTable.IsCloseEnough(requested, applied.OutputSpeed)
            ? (int)Math.Min(applied.OutputSpeed, int.MaxValue)
            : throw SerialErrors.BaudRateNotMet(path, requested, applied.OutputSpeed);
    }

    /// <summary>Sets ASYNC_LOW_LATENCY and reads it back; false where the driver has no serial_struct (ptys: ENOTTY).</summary>
    private static bool TryRequestLowLatency(int fd)
    {
        SerialStruct info;
        if (Libc.Ioctl(fd, Libc.GetSerialInfo, &info) != 0)
        {
            return false;
        }

        if ((info.Flags & Libc.AsyncLowLatency) == 0)
        {
            info.Flags |= Libc.AsyncLowLatency;
            // Some drivers accept the call and ignore the flag (cdc-acm keeps only its close delays): read back.
            if (Libc.Ioctl(fd, Libc.SetSerialInfo, &info) != 0 || Libc.Ioctl(fd, Libc.GetSerialInfo, &info) != 0)
            {
                return false;
            }
        }

        return (info.Flags & Libc.AsyncLowLatency) != 0;
    }

    /// <summary>
    /// Waits until <paramref name="events"/> can proceed or <paramref name="deadline"/> (Stopwatch ticks) passes;
    /// returns the ready events, 0 on timeout. A hang-up or error without the event throws: a vanished adapter fails
    /// the call instead of spinning.
    /// </summary>
    private short Wait(int fd, short events, long deadline)
    {
        while (true)
        {
            var descriptor = new PollDescriptor { Fd = fd, Events = events };
            int ready;
            if (deadline == long.MaxValue)
            {
                ready = Libc.PPoll(&descriptor, 1, null, null);
            }
            else
            {
                var left = Math.Max(0, deadline - Stopwatch.GetTimestamp());
                var seconds = left / Stopwatch.Frequency;
                var timeout = new TimeSpec
                {
                    Seconds = (nint)seconds,
                    Nanoseconds = (nint)((left - (seconds * Stopwatch.Frequency)) * 1_000_000_000 / Stopwatch.Frequency),
                };
                ready = Libc.PPoll(&descriptor, 1, &timeout, null);
            }

            if (ready < 0)
            {
                var errno = SerialErrors.LastErrno;
                if (errno == SerialErrors.Interrupted)
                {
                    continue; // a signal (the GC suspends threads with one): wait for what is left
                }

                throw SerialErrors.FromErrno(SerialOperation.Wait, Name, errno);
            }

            if (ready == 0)
            {
                return 0;
            }

            var returned = descriptor.ReturnedEvents;
            if ((returned & events) != 0)
            {
                return (short)(returned & events);
            }

            if ((returned & Libc.PollInvalid) != 0)
            {
                throw SerialErrors.FromErrno(SerialOperation.Wait, Name, SerialErrors.BadDescriptor); // closed under us
            }

            throw SerialErrors.HungUp(Name); // POLLHUP or POLLERR alone
        }
    }
}
