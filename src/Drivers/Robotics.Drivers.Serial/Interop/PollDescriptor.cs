using System.Runtime.InteropServices;

namespace Robotics.Drivers.Serial.Interop;

/// <summary><c>struct pollfd</c> (poll.h, 8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
