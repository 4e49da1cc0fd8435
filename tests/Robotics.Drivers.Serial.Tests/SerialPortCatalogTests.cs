namespace Robotics.Drivers.Serial.Tests;

/// <summary>The port list, on a directory laid out like /dev (plain files stand in for device nodes).</summary>
public sealed class SerialPortCatalogTests : IDisposable
{
    private readonly string _dev = Directory.CreateTempSubdirectory("robotics-dev-").FullName;

    [Fact]
    public void List_FindsUsbAndAcmPorts_InNumberOrder_WithTheirByIdLinks()
    {
        foreach (var name in (string[])["ttyUSB10", "ttyUSB2", "ttyACM0", "ttyS0", "tty1", "null"])
        {
            File.WriteAllBytes(Path.Combine(_dev, name), []);
        }

        var byId = Directory.CreateDirectory(Path.Combine(_dev, "serial", "by-id")).FullName;
        var u2d2 = Path.Combine(byId, "usb-FTDI_USB__-__Serial_Converter_FT4NNZ55-if00-port0");
        File.CreateSymbolicLink(u2d2, "../../ttyUSB2");
        File.CreateSymbolicLink(Path.Combine(byId, "usb-gone-if00"), "../../ttyUSB9"); // dangling: left out

        var ports = SerialPortCatalog.List(_dev);

        Assert.Equal(
            [
                new SerialPortInfo(Path.Combine(_dev, "ttyACM0"), null),
                new SerialPortInfo(Path.Combine(_dev, "ttyUSB2"), u2d2),
                new SerialPortInfo(Path.Combine(_dev, "ttyUSB10"), null),
            ],
            ports);
        Assert.Equal(u2d2, ports[1].PreferredPath);
        Assert.Equal(Path.Combine(_dev, "ttyACM0"), ports[0].PreferredPath);
    }

    [Fact]
    public void List_WithNoSerialDevices_IsEmpty()
    {
        Assert.Empty(SerialPortCatalog.List(_dev));
        Assert.Empty(SerialPortCatalog.List(Path.Combine(_dev, "missing")));
    }

    [Fact]
    public void List_OnThisMachine_DoesNotThrow() => Assert.NotNull(SerialPortCatalog.List());

    public void Dispose() => Directory.Delete(_dev, recursive: true);
}
