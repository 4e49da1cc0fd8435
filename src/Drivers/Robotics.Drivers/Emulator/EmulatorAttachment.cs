using Robotics.Drivers.Channels;

namespace Robotics.Drivers.Emulator;

/// <summary>
/// A <see cref="ServoBusEmulator"/> serving one end of a byte channel from its own thread: reads requests, writes
/// replies. Dispose stops the thread (within one 20 ms read timeout) and rethrows anything that failed on it, so a
/// test cannot pass while the emulator thread died (CONVENTIONS 13).
/// </summary>
public sealed class EmulatorAttachment : IDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(20);

    private readonly ServoBusEmulator _emulator;
    private readonly IByteChannel _channel;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private Exception? _fault;
    private bool _disposed;

    internal EmulatorAttachment(ServoBusEmulator emulator, IByteChannel channel)
    {
        _emulator = emulator;
        _channel = channel;
        _thread = new Thread(Serve) { IsBackground = true, Name = $"servo emulator on {channel.Name}" };
        _thread.Start();
    }

    /// <summary>The exception that ended the serving thread, if any.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping = true;
        if (!_thread.Join(TimeSpan.FromSeconds(5)))
        {
            throw new InvalidOperationException($"servo emulator thread on {_channel.Name} did not stop within 5 s");
        }

        if (Fault is { } fault)
        {
            throw new InvalidOperationException($"servo emulator thread on {_channel.Name} failed: {fault.Message}", fault);
        }
    }

    private void Serve()
    {
        var buffer = new byte[4096];
        try
        {
            while (!_stopping)
            {
                var n = _channel.Read(buffer, PollTimeout);
                if (n == 0)
                {
                    continue;
                }

                var replies = _emulator.Process(buffer.AsSpan(0, n));
                if (replies.Length > 0)
                {
                    _channel.Write(replies);
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The channel closed under us: the bus is gone, serving ends.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Volatile.Write(ref _fault, ex);
        }
    }
}
