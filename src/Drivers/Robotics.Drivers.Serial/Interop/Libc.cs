using System.Runtime.InteropServices;

namespace Robotics.Drivers.Serial.Interop;

/// <summary>
/// The libc calls and Linux constants the serial edge uses. Every call sets errno (<c>SetLastError</c>); only
/// <see cref="SerialErrors"/> turns a failure into an exception. Values are those of x86-64 and arm64 Linux
/// (asm-generic/termbits.h, asm-generic/ioctls.h, linux/serial.h), checked on Debian 12 with a C probe.
/// </summary>
internal static unsafe partial class Libc
{
    public const string Library = "libc";

    // fcntl.h. O_NONBLOCK: open never waits for carrier (DCD), and reads/writes never block (we wait in ppoll with a
    // timeout instead). O_NOCTTY: a port never becomes our controlling terminal (no SIGHUP on unplug).
    public const int OpenReadWrite = 0x2;            // O_RDWR
    public const int OpenNoControllingTty = 0x100;   // O_NOCTTY (0400)
    public const int OpenNonBlocking = 0x800;        // O_NONBLOCK (04000)
    public const int OpenCloseOnExec = 0x80000;      // O_CLOEXEC (02000000): children started later do not hold the port

    // sys/file.h
    public const int LockExclusive = 2;              // LOCK_EX
    public const int LockNonBlocking = 4;            // LOCK_NB

    // asm-generic/ioctls.h. TCGETS2/TCSETS2 are _IOR/_IOW('T', 0x2A/0x2B, struct termios2), 44 bytes.
    public const nuint GetAttributes2 = 0x802C542A;  // TCGETS2
    public const nuint SetAttributes2 = 0x402C542B;  // TCSETS2 (applies now, like tcsetattr TCSANOW)
    public const nuint SetExclusive = 0x540C;        // TIOCEXCL
    public const nuint ClearExclusive = 0x540D;      // TIOCNXCL
    public const nuint GetExclusive = 0x80045440;    // TIOCGEXCL: _IOR('T', 0x40, int), Linux 3.8
    public const nuint GetSerialInfo = 0x541E;       // TIOCGSERIAL (struct serial_struct*)
    public const nuint SetSerialInfo = 0x541F;       // TIOCSSERIAL

    public const int FlushInput = 0;                 // TCIFLUSH

    // poll.h
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollError = 0x8;
    public const short PollHangUp = 0x10;
    public const short PollInvalid = 0x20;

    // linux/tty_flags.h: ASYNC_LOW_LATENCY = 1 << ASYNCB_LOW_LATENCY (13).
    public const int AsyncLowLatency = 1 << 13;

    // open(2) and ioctl(2) are variadic. On x86-64 SysV a variadic callee reads %al only to decide whether to spill
    // vector registers, and on arm64 Linux variadic arguments travel like fixed ones, so declaring the optional
    // argument as a fixed one is sound on both (mode is passed as 0: it is read only with O_CREAT/O_TMPFILE).
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(int fd, int queueSelector);

    /// <summary>poll(2) with a nanosecond timeout (poll takes whole milliseconds; a 1 kHz loop waits less than that).</summary>
    [LibraryImport(Library, EntryPoint = "ppoll", SetLastError = true)]
    public static partial int PPoll(PollDescriptor* descriptors, nuint count, TimeSpec* timeout, void* signalMask);
}
