using System.Globalization;
using System.Runtime.InteropServices;

namespace Robotics.Drivers.Serial.Interop;

/// <summary>What the edge was doing when a call failed; it picks the wording of the error.</summary>
internal enum SerialOperation
{
    Open,
    QueryAttributes,
    Lock,
    SetExclusive,
    SetAttributes,
    Read,
    Write,
    Wait,
    FlushInput,
}

/// <summary>
/// The one place where errno values and port conditions become <see cref="SerialPortException"/>s
/// (ARCHITECTURE.md: errors translated once). Each message names the port and tells the user what to do.
/// </summary>
internal static class SerialErrors
{
    // errno.h (Linux, all architectures we run on).
    public const int NoEntry = 2;             // ENOENT
    public const int Interrupted = 4;         // EINTR
    public const int InputOutput = 5;         // EIO
    public const int BadDescriptor = 9;       // EBADF
    public const int NoDeviceOrAddress = 6;   // ENXIO
    public const int TryAgain = 11;           // EAGAIN == EWOULDBLOCK
    public const int AccessDenied = 13;       // EACCES
    public const int Busy = 16;               // EBUSY
    public const int NoDevice = 19;           // ENODEV
    public const int NotADirectory = 20;      // ENOTDIR
    public const int IsADirectory = 21;       // EISDIR
    public const int InvalidArgument = 22;    // EINVAL
    public const int NotATerminal = 25;       // ENOTTY
    public const int NotPermitted = 1;        // EPERM

    /// <summary>The errno of the last LibraryImport call made with <c>SetLastError = true</c> on this thread.</summary>
    public static int LastErrno => Marshal.GetLastPInvokeError();

    public static SerialPortException FromErrno(SerialOperation operation, string path, int errno, int baudRate = 0)
    {
        var (error, message) = (operation, errno) switch
        {
            (_, NoEntry or NotADirectory) => (SerialPortError.NotFound,
                $"no such port {path}: is the adapter plugged in? see `ls /dev/serial/by-id`"),
            (_, NoDeviceOrAddress or NoDevice) => (SerialPortError.NotFound,
                $"{path} exists but no device answers behind it ({Name(errno)}): a ttyS port without a UART, or an adapter being unplugged; see `ls /dev/serial/by-id`"),
            (_, AccessDenied or NotPermitted) => (SerialPortError.PermissionDenied,
                $"permission denied opening {path}: add your user to the group that owns it (dialout on Debian/Ubuntu: `sudo usermod -aG dialout $USER`, then log out and in; check with `ls -l {path}`)"),
            (SerialOperation.Lock, TryAgain) or (_, Busy) => (SerialPortError.Busy,
                $"{path} is busy: another program has it open (find it with `fuser -v {path}`: a serial monitor, another robotics process, or ModemManager probing a new ttyACM for a few seconds); close it and try again"),
            (_, NotATerminal or IsADirectory) => (SerialPortError.NotASerialPort,
                $"{path} is not a serial port ({Name(errno)}): give a tty device such as /dev/ttyUSB0 or a link in /dev/serial/by-id"),
            (SerialOperation.SetAttributes, InvalidArgument) => (SerialPortError.UnsupportedBaudRate,
                $"the driver of {path} refused {baudRate} baud ({Name(errno)}): use a rate the adapter can make and set the servos to it (Dynamixel/Feetech default to 57600 or 1000000)"),
            (_, InputOutput) => (SerialPortError.Disconnected,
                $"{path} went away ({Name(errno)}): was the adapter unplugged or powered off? reconnect it and open the port again"),
            _ => (SerialPortError.Io, $"{Describe(operation)} {path} failed: {Name(errno)}"),
        };
        return new SerialPortException(message) { Error = error, ErrorNumber = errno, PortPath = path };
    }

    /// <summary>The driver accepted the request but runs the line at another rate (it rounds to what its clock divides to).</summary>
    public static SerialPortException BaudRateNotMet(string path, int requested, long actual) => new(
        string.Create(CultureInfo.InvariantCulture, $"the driver of {path} runs at {actual} baud when {requested} was asked ({Math.Abs(actual - requested) * 100.0 / requested:0.#}% off, more than the {BaudRateTable.TolerancePercent}% a UART on the other end can follow): the adapter cannot make this rate; pick one it can and set the servos to it"))
    {
        Error = SerialPortError.UnsupportedBaudRate,
        PortPath = path,
    };

    /// <summary>poll reported a hang-up, or read returned end-of-file (a raw tty with VMIN=1 does only then).</summary>
    public static SerialPortException HungUp(string path) => new(
        $"{path} hung up: was the adapter unplugged or powered off (or, for a pty, its other end closed)? reconnect it and open the port again")
    {
        Error = SerialPortError.Disconnected,
        PortPath = path,
    };

    public static SerialPortException WriteStalled(string path, int written, int total, TimeSpan waited) => new(
        string.Create(CultureInfo.InvariantCulture, $"writing to {path} stalled: {written} of {total} bytes went out, then nothing for {waited.TotalMilliseconds:0} ms; the adapter is not sending (hardware flow control held by the device, or a wedged USB adapter): reconnect it and open the port again"))
    {
        Error = SerialPortError.WriteStalled,
        PortPath = path,
    };

    private static string Describe(SerialOperation operation) => operation switch
    {
        SerialOperation.Open => "opening",
        SerialOperation.QueryAttributes => "reading the line settings (TCGETS2) of",
        SerialOperation.Lock => "locking (flock)",
        SerialOperation.SetExclusive => "taking exclusive use (TIOCEXCL) of",
        SerialOperation.SetAttributes => "setting raw 8N1 mode and the baud rate (TCSETS2) on",
        SerialOperation.Read => "reading from",
        SerialOperation.Write => "writing to",
        SerialOperation.Wait => "waiting (ppoll) on",
        SerialOperation.FlushInput => "discarding input (tcflush) of",
        _ => operation.ToString(),
    };

    private static string Name(int errno) => string.Create(CultureInfo.InvariantCulture, $"{Marshal.GetPInvokeErrorMessage(errno)}, errno {errno}");
}
