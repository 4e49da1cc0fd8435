namespace Robotics.Drivers.Serial;

/// <summary>A serial port could not be opened, configured, read or written; the message names the port and what to do.</summary>
public sealed class SerialPortException : Exception
{
    public SerialPortException()
    {
    }

    public SerialPortException(string message)
        : base(message)
    {
    }

    public SerialPortException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SerialPortError Error { get; init; }

    /// <summary>The errno of the failed call (0 when the failure was not an operating-system error).</summary>
    public int ErrorNumber { get; init; }

    /// <summary>The port as the caller named it (e.g. a /dev/serial/by-id link).</summary>
    public string? PortPath { get; init; }
}
