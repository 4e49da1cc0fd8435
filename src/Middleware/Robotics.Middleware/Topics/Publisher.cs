using Robotics.Messages;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Topics;

/// <summary>
/// Publishes messages of one type on one topic. In-process delivery shares the object with subscribers: do not
/// modify a message after publishing it. Publishing on a disposed publisher throws (nothing is dropped silently).
/// </summary>
public class Publisher<T> : IDisposable
    where T : class, IRosMessage<T>
{
    private readonly ITopicWriter<T> _writer;
    private int _disposed;

    internal Publisher(TopicEndpoint endpoint, ITopicWriter<T> writer)
    {
        Endpoint = endpoint;
        _writer = writer;
    }

    public TopicEndpoint Endpoint { get; }

    public string Topic => Endpoint.Topic;

    public int SubscriptionCount => _writer.MatchedReaderCount;

    public virtual void Publish(T message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _writer.Write(message);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _writer.Dispose();
        }
    }
}
