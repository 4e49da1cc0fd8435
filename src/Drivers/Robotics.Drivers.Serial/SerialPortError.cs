namespace Robotics.Drivers.Serial;

/// <summary>What went wrong with a serial port, for callers that react differently (a scan skips busy ports).</summary>
public enum SerialPortError
{
    /// <summary>An operating-system error with no better name; <see cref="SerialPortException.ErrorNumber"/> has errno.</summary>
    Io = 0,

    /// <summary>No such device (ENOENT, ENXIO, ENODEV): unplugged, or a ttyS port without a UART behind it.</summary>
    NotFound,

    /// <summary>EACCES/EPERM: the user is not in the group that owns the device (dialout on Debian).</summary>
    PermissionDenied,

    /// <summary>Another open holds the port (EBUSY from TIOCEXCL, or our exclusive lock).</summary>
    Busy,

    /// <summary>The path is not a terminal device (ENOTTY/EISDIR): a regular file, a directory, /dev/null.</summary>
    NotASerialPort,

    /// <summary>The driver refused the rate, or set one too far from it for a UART on the other end to follow.</summary>
    UnsupportedBaudRate,

    /// <summary>The device went away while open (hang-up, EIO): unplugged or powered off.</summary>
    Disconnected,

    /// <summary>A write made no progress for longer than the port's buffer takes to drain.</summary>
    WriteStalled,
}
