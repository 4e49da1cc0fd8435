using System.Runtime.InteropServices;

namespace Robotics.Drivers.Serial.Interop;

/// <summary><c>struct timespec</c> (16 bytes on LP64: <c>time_t</c> and <c>long</c> are pointer-sized).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    public nint Seconds;
    public nint Nanoseconds;
}
