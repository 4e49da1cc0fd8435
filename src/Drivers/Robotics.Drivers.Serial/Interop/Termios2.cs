using System.Runtime.InteropServices;

namespace Robotics.Drivers.Serial.Interop;

/// <summary>
/// The kernel's <c>struct termios2</c> (asm-generic/termbits.h: 44 bytes, speeds at offsets 36 and 40), read and
/// written with TCGETS2/TCSETS2. We use it instead of glibc's <c>struct termios</c> + <c>cfsetspeed</c> because its
/// layout and meaning are kernel ABI: glibc's <c>speed_t</c> changed meaning in 2.42 (numeric rates instead of
/// <c>Bxxx</c> codes), and a symbol bound by name gets whichever version the installed glibc exports.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios2
{
    public const int ControlCharacterCount = 19; // NCCS in asm-generic/termbits.h (glibc's termios has 32)
    public const int MinimumIndex = 6;           // VMIN
    public const int TimeIndex = 5;              // VTIME

    public uint InputFlags;    // c_iflag
    public uint OutputFlags;   // c_oflag
    public uint ControlFlags;  // c_cflag
    public uint LocalFlags;    // c_lflag
    public byte LineDiscipline;
    public fixed byte ControlCharacters[ControlCharacterCount];
    public uint InputSpeed;    // c_ispeed, bits/s when the CBAUD field holds BOTHER
    public uint OutputSpeed;   // c_ospeed
}
