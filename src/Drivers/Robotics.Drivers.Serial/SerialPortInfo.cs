namespace Robotics.Drivers.Serial;

/// <summary>A serial device found by <see cref="SerialPortCatalog"/>.</summary>
/// <param name="DevicePath">The kernel name, e.g. <c>/dev/ttyUSB0</c>; its number follows plug-in order.</param>
/// <param name="ByIdPath">
/// Its udev link in <c>/dev/serial/by-id</c> (vendor, model and serial number, e.g.
/// <c>usb-FTDI_FT232R_USB_UART_A50285BI-if00-port0</c>), or null when udev made none (no serial number, or not USB).
/// </param>
public sealed record SerialPortInfo(string DevicePath, string? ByIdPath)
{
    /// <summary>The path to put in a configuration file: the by-id link survives re-plugging and reboots.</summary>
    public string PreferredPath => ByIdPath ?? DevicePath;
}
