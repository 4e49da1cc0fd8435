namespace Robotics.Drivers.Channels;

/// <summary>
/// A half-duplex byte stream to a servo bus: what the protocol layer needs from a serial port. Implemented by the
/// termios port (Robotics.Drivers.Serial) and by the in-process servo bus emulator, so every protocol test runs
/// without hardware. Not thread-safe: one bus owner (the control loop) uses it.
/// </summary>
public interface IByteChannel : IDisposable
{
    /// <summary>For messages: <c>/dev/ttyACM0</c>, <c>emulator</c>.</summary>
    string Name { get; }

    /// <summary>Bits per second on the wire, to budget a transaction (10 bits per byte, 8N1).</summary>
    int BaudRate { get; }

    /// <summary>Writes every byte (blocking until handed to the driver).</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>
    /// Reads what is available, up to <paramref name="buffer"/>'s length, waiting at most <paramref name="timeout"/>
    /// for the first byte; returns 0 on timeout. Never throws for a timeout.
    /// </summary>
    int Read(Span<byte> buffer, TimeSpan timeout);

    /// <summary>Drops bytes received but not read (stale replies after a timeout).</summary>
    void DiscardInput();
}
