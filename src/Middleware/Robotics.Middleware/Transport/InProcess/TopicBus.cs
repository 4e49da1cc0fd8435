using Robotics.Messages;
using Robotics.Middleware.Qos;

namespace Robotics.Middleware.Transport.InProcess;

/// <summary>
/// One topic inside the process. Writers hand the same object to every matched reader (zero-copy: treat a
/// published message as immutable). Matching (type and QoS) is decided when endpoints come and go, not per sample.
/// </summary>
internal sealed class TopicBus<T>(string topic, InProcessTransport owner)
    where T : class, IRosMessage<T>
{
    private readonly Lock _lock = new();
    private readonly List<Writer> _writers = [];
    private readonly List<Reader> _readers = [];

    public string Topic { get; } = topic;

    public ITopicWriter<T> AddWriter(TopicEndpoint endpoint)
    {
        var writer = new Writer(this, endpoint, owner.TimeProvider);
        lock (_lock)
        {
            _writers.Add(writer);
            Rematch();
        }

        return writer;
    }

    public IDisposable AddReader(TopicEndpoint endpoint, IMessageSink<T> sink)
    {
        var reader = new Reader(this, endpoint, sink);
        lock (_lock)
        {
            _readers.Add(reader);
            Rematch();

            // Transient-local: a late joiner gets what each matched latching writer kept (oldest first).
            if (endpoint.Qos.Durability == Durability.TransientLocal)
            {
                foreach (var writer in _writers)
                {
                    if (Array.IndexOf(writer.Matched, reader) >= 0)
                    {
                        writer.Replay(reader);
                    }
                }
            }
        }

        return reader;
    }

    private void Remove(object endpoint)
    {
        lock (_lock)
        {
            if (endpoint is Writer writer)
            {
                _writers.Remove(writer);
            }
            else if (endpoint is Reader reader)
            {
                _readers.Remove(reader);
            }

            Rematch();
        }
    }

    private void Rematch()
    {
        foreach (var writer in _writers)
        {
            var matched = new List<Reader>();
            foreach (var reader in _readers)
            {
                var problem = QosCompatibility.Check(writer.Endpoint.Qos, reader.Endpoint.Qos);
                if (problem is null)
                {
                    matched.Add(reader);
                }
                else
                {
                    owner.Warn($"{Topic}: subscription of {reader.Endpoint.NodeName} does not match publisher of {writer.Endpoint.NodeName}: {problem}");
                }
            }

            writer.Matched = [.. matched];
        }
    }

    private sealed class Writer(TopicBus<T> bus, TopicEndpoint endpoint, TimeProvider time) : ITopicWriter<T>
    {
        private readonly Guid _id = Guid.NewGuid();
        private readonly T?[] _history = endpoint.Qos.Durability == Durability.TransientLocal ? new T?[endpoint.Qos.QueueCapacity] : [];
        private long _sequence;
        private int _disposed;

        public TopicEndpoint Endpoint { get; } = endpoint;

        public volatile Reader[] Matched = [];

        public int MatchedReaderCount => Matched.Length;

        public void Write(T message)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            long sequence;
            if (_history.Length > 0)
            {
                // Numbering and storing together, so a late joiner's replay never sees a numbered but empty slot.
                lock (_history)
                {
                    sequence = ++_sequence;
                    _history[(sequence - 1) % _history.Length] = message;
                }
            }
            else
            {
                sequence = Interlocked.Increment(ref _sequence);
            }

            var now = Time.RosTime.NowNanoseconds(time);
            var info = new MessageInfo(now, now, _id, sequence);
            foreach (var reader in Matched)
            {
                reader.Sink.OnMessage(message, info);
            }
        }

        public void Replay(Reader reader)
        {
            lock (_history)
            {
                var count = (int)Math.Min(_sequence, _history.Length);
                for (var i = count; i > 0; i--)
                {
                    var sequence = _sequence - i + 1;
                    var now = Time.RosTime.ToNanoseconds(time.GetUtcNow());
                    reader.Sink.OnMessage(_history[(sequence - 1) % _history.Length]!, new MessageInfo(now, now, _id, sequence));
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                bus.Remove(this);
            }
        }
    }

    private sealed class Reader(TopicBus<T> bus, TopicEndpoint endpoint, IMessageSink<T> sink) : IDisposable
    {
        private int _disposed;

        public TopicEndpoint Endpoint { get; } = endpoint;

        public IMessageSink<T> Sink { get; } = sink;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                bus.Remove(this);
            }
        }
    }
}
