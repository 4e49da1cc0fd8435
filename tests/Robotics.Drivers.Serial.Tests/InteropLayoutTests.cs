using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Robotics.Drivers.Serial.Interop;

namespace Robotics.Drivers.Serial.Tests;

/// <summary>
/// The structs passed to the kernel match its layout (sizes and offsets printed by a C probe against Debian 12's
/// asm-generic/termbits.h and linux/serial.h on x86-64), and raw mode sets what a servo bus needs.
/// </summary>
public sealed class InteropLayoutTests
{
    [Fact]
    public void Termios2_Is44BytesWithSpeedsAt36And40()
    {
        Assert.Equal(44, Unsafe.SizeOf<Termios2>());
        Assert.Equal(17, (int)Marshal.OffsetOf<Termios2>(nameof(Termios2.ControlCharacters)));
        Assert.Equal(36, (int)Marshal.OffsetOf<Termios2>(nameof(Termios2.InputSpeed)));
        Assert.Equal(40, (int)Marshal.OffsetOf<Termios2>(nameof(Termios2.OutputSpeed)));
    }

    [Fact]
    public void SerialStruct_Is72BytesWithFlagsAt16()
    {
        Assert.Equal(72, Unsafe.SizeOf<SerialStruct>());
        Assert.Equal(16, (int)Marshal.OffsetOf<SerialStruct>(nameof(SerialStruct.Flags)));
    }

    [Fact]
    public void PollAndTimeSpec_MatchTheirCLayouts()
    {
        Assert.Equal(8, Unsafe.SizeOf<PollDescriptor>());
        Assert.Equal(16, Unsafe.SizeOf<TimeSpec>());
    }

    [Theory]
    [InlineData(1_000_000, 0x1008u)] // B1000000
    [InlineData(115_200, 0x1002u)]   // B115200
    [InlineData(9_600, 0xDu)]        // B9600
    [InlineData(250_000, 0x1000u)]   // not in the table: BOTHER
    [InlineData(1_234_567, 0x1000u)]
    public void RawMode_PutsTheRateInCbaudAndBothSpeeds(int rate, uint code)
    {
        var settings = new Termios2 { ControlFlags = 0x100F_100F }; // CIBAUD and CBAUD both full of an old rate

        RawLineSettings.Apply(ref settings, rate);

        Assert.Equal(code, settings.ControlFlags & BaudRateTable.BaudMask);
        Assert.Equal(0u, settings.ControlFlags & BaudRateTable.InputBaudMask); // input speed follows output
        Assert.Equal((uint)rate, settings.OutputSpeed);
        Assert.Equal((uint)rate, settings.InputSpeed);
    }

    [Fact]
    public unsafe void RawMode_Is8N1WithNoProcessingNoFlowControl_AndReadsReturnPerByte()
    {
        var settings = new Termios2
        {
            InputFlags = 0xFFFF_FFFF,
            OutputFlags = 0xFFFF_FFFF,
            LocalFlags = 0xFFFF_FFFF,
            ControlFlags = 0x8000_0000 | 0x40 | 0x100 | 0x10, // CRTSCTS, CSTOPB, PARENB, CS6
        };

        RawLineSettings.Apply(ref settings, 1_000_000);

        Assert.Equal(0u, settings.InputFlags & 0x1FFFu & ~0x200u & ~0x004u);         // every input translation and IXON/IXOFF/IXANY off
        Assert.Equal(0u, settings.OutputFlags & 0x1u);                              // OPOST off
        Assert.Equal(0u, settings.LocalFlags & (0x1u | 0x2u | 0x8u | 0x40u | 0x8000u)); // ISIG ICANON ECHO ECHONL IEXTEN off
        Assert.Equal(0x30u, settings.ControlFlags & 0x30u);                         // CS8
        Assert.Equal(0u, settings.ControlFlags & (0x8000_0000u | 0x40u | 0x100u));   // no RTS/CTS, one stop bit, no parity
        Assert.Equal(0x880u, settings.ControlFlags & 0x880u);                       // CLOCAL | CREAD
        Assert.Equal(1, settings.ControlCharacters[Termios2.MinimumIndex]);
        Assert.Equal(0, settings.ControlCharacters[Termios2.TimeIndex]);
    }
}
