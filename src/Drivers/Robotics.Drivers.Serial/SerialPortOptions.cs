namespace Robotics.Drivers.Serial;

/// <summary>How to open a <see cref="TermiosSerialPort"/>. Always raw 8N1 with no flow control: what servo buses speak.</summary>
public sealed record SerialPortOptions
{
    /// <summary>
    /// The device, e.g. <c>/dev/ttyUSB0</c> or, better, its stable link in <c>/dev/serial/by-id</c> (ttyUSB numbers
    /// follow plug-in order and change across reboots).
    /// </summary>
    public required string Path
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("the serial port path is empty: give a device such as /dev/ttyUSB0 (list them with `ls /dev/serial/by-id`)", nameof(Path))
            : value;
    }

    /// <summary>
    /// Bits per second. Any positive rate: the kernel's table (9600 … 4,000,000, including 1,000,000 for
    /// Dynamixel/Feetech buses) or any other through termios2 BOTHER, when the adapter can make it.
    /// </summary>
    public required int BaudRate
    {
        get;
        init => field = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(BaudRate), value, $"baud rate {value} is not a rate: give a positive number of bits per second (0 means hang up in termios); servo buses use 57600, 115200 or 1000000");
    }

    /// <summary>
    /// Ask the driver for low latency (ASYNC_LOW_LATENCY). On FTDI adapters this sets the latency timer to 1 ms
    /// instead of 16 ms, which otherwise holds every reply back by up to 16 ms (a 1 Mbps servo answers in about
    /// 0.1 ms). Best effort: ptys and drivers without TIOCSSERIAL just do not get it; see <see cref="TermiosSerialPort.IsLowLatency"/>.
    /// </summary>
    public bool RequestLowLatency { get; init; } = true;
}
