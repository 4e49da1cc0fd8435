namespace Robotics.Drivers.Serial.Interop;

/// <summary>
/// Turns a tty's settings into a raw 8N1 byte pipe at a baud rate: what a servo bus needs (binary packets, no byte
/// may be translated, swallowed or echoed). Pure: tested without a device.
/// </summary>
internal static class RawLineSettings
{
    // asm-generic/termbits-common.h and termbits.h.
    private const uint IgnoreBreak = 0x001, BreakInterrupts = 0x002, MarkParityErrors = 0x008, CheckParity = 0x010,
        StripEighthBit = 0x020, MapNewlineToReturn = 0x040, IgnoreReturn = 0x080, MapReturnToNewline = 0x100,
        StartStopOutput = 0x400, AnyRestarts = 0x800, StartStopInput = 0x1000;                       // c_iflag
    private const uint PostProcessOutput = 0x1;                                                       // c_oflag: OPOST
    private const uint Signals = 0x1, Canonical = 0x2, Echo = 0x8, EchoNewline = 0x40, Extended = 0x8000; // c_lflag
    private const uint CharacterSize = 0x30, EightBits = 0x30, TwoStopBits = 0x40, Receiver = 0x80, Parity = 0x100,
        IgnoreModemLines = 0x800, HardwareFlowControl = 0x80000000;                                  // c_cflag

    /// <summary>
    /// cfmakeraw (termios(3): no echo, no canonical lines, no signals, no CR/NL mapping, 8 bits, no parity), plus
    /// what cfmakeraw leaves alone: one stop bit, no XON/XOFF (0x11/0x13 are ordinary bytes in servo packets), no
    /// RTS/CTS, CLOCAL (no carrier on a servo adapter) and CREAD (enable the receiver). VMIN=1/VTIME=0 so that a
    /// non-blocking read of an empty port fails with EAGAIN and returns 0 only at hang-up (with VMIN=0 it returns 0
    /// for both, seen on a pty).
    /// </summary>
    public static unsafe void Apply(ref Termios2 settings, int baudRate)
    {
        settings.InputFlags &= ~(IgnoreBreak | BreakInterrupts | MarkParityErrors | CheckParity | StripEighthBit
            | MapNewlineToReturn | IgnoreReturn | MapReturnToNewline | StartStopOutput | AnyRestarts | StartStopInput);
        settings.OutputFlags &= ~PostProcessOutput;
        settings.LocalFlags &= ~(Echo | EchoNewline | Canonical | Signals | Extended);
        settings.ControlFlags &= ~(CharacterSize | Parity | TwoStopBits | HardwareFlowControl);
        settings.ControlFlags |= EightBits | IgnoreModemLines | Receiver;
        settings.ControlCharacters[Termios2.MinimumIndex] = 1;
        settings.ControlCharacters[Termios2.TimeIndex] = 0;

        settings.ControlFlags &= ~(BaudRateTable.BaudMask | BaudRateTable.InputBaudMask);
        settings.ControlFlags |= BaudRateTable.CodeFor(baudRate);
        settings.InputSpeed = (uint)baudRate;
        settings.OutputSpeed = (uint)baudRate;
    }
}
