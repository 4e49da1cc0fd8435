namespace Robotics.Drivers.Channels;

/// <summary>
/// Two connected in-memory <see cref="IByteChannel"/> ends, like a null-modem cable or a socat pty pair: bytes written
/// to one end are read from the other, in order. The servo bus emulator sits on one end in unit tests.
/// </summary>
public static class InMemoryChannelPair
{
    public static (IByteChannel A, IByteChannel B) Create(int baudRate = 1_000_000, string name = "memory")
    {
        var (toB, toA) = (new Pipe(), new Pipe());
        return (new End($"{name}:a", baudRate, toA, toB), new End($"{name}:b", baudRate, toB, toA));
    }

    /// <summary>One direction: a byte queue; the reader waits on its monitor.</summary>
    private sealed class Pipe
    {
        private readonly Queue<byte> _bytes = new();
        private readonly object _gate = new();

        public void Write(ReadOnlySpan<byte> data)
        {
            lock (_gate)
            {
                foreach (var b in data)
                {
                    _bytes.Enqueue(b);
                }

                Monitor.PulseAll(_gate);
            }
        }

        public int Read(Span<byte> buffer, TimeSpan timeout)
        {
            var deadline = Environment.TickCount64 + (long)Math.Ceiling(timeout.TotalMilliseconds);
            lock (_gate)
            {
                while (_bytes.Count == 0)
                {
                    var left = deadline - Environment.TickCount64;
                    if (left <= 0)
                    {
                        return 0;
                    }

                    Monitor.Wait(_gate, TimeSpan.FromMilliseconds(left));
                }

                var n = Math.Min(buffer.Length, _bytes.Count);
                for (var i = 0; i < n; i++)
                {
                    buffer[i] = _bytes.Dequeue();
                }

                return n;
            }
        }

        public void Clear()
        {
            lock (_gate)
            {
                _bytes.Clear();
            }
        }
    }

    private sealed class End(string name, int baudRate, Pipe incoming, Pipe outgoing) : IByteChannel
    {
        private bool _disposed;

        public string Name { get; } = name;

        public int BaudRate { get; } = baudRate;

        public void Write(ReadOnlySpan<byte> data)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            outgoing.Write(data);
        }

        public int Read(Span<byte> buffer, TimeSpan timeout)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return incoming.Read(buffer, timeout);
        }

        public void DiscardInput()
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            incoming.Clear();
        }

        public void Dispose() => _disposed = true;
    }
}
