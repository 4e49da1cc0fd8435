using System.Runtime.InteropServices;

namespace Robotics.Drivers.Serial.Interop;

/// <summary>
/// The kernel's <c>struct serial_struct</c> (linux/serial.h: 72 bytes on LP64, <c>flags</c> at offset 16), for
/// TIOCGSERIAL/TIOCSSERIAL. Only <see cref="Flags"/> is changed; the rest is written back as read.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SerialStruct
{
    public int Type;
    public int Line;
    public uint Port;
    public int Irq;
    public int Flags;
    public int TransmitFifoSize;
    public int CustomDivisor;
    public int BaudBase;
    public ushort CloseDelay;
    public byte IoType;
    public byte Reserved;
    public int Hub6;
    public ushort ClosingWait;
    public ushort ClosingWait2;
    public nint IoMemoryBase;
    public ushort IoMemoryRegisterShift;
    public uint PortHigh;
    public nuint IoMapBase;
}
