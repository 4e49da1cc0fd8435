using Robotics.Messages;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Time;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Topics;

/// <summary>
/// Receives one topic into a keep-last queue of the QoS depth; the executor runs the callback. Lifespan drops
/// samples that waited too long; a deadline raises <see cref="DeadlineMissed"/> when no sample arrives in time.
/// </summary>
public sealed class Subscription<T> : Executable, IMessageSink<T>, IFlowControlledSink, IDisposable
    where T : class, IRosMessage<T>
{
    private readonly SampleQueue<T> _queue;
    private readonly Action<T, MessageInfo> _callback;
    private readonly TimeProvider _time;
    private readonly long _lifespanNs;
    private readonly ITimer? _deadlineTimer;
    private IDisposable? _reader;
    private Action? _whenFree;
    private long _expired;
    private long _lastArrivalTicks;
    private long _deadlineMisses;

    internal Subscription(TopicEndpoint endpoint, Action<T, MessageInfo> callback, CallbackGroup group, TimeProvider time)
        : base(group, $"subscription {endpoint.Topic} of {endpoint.NodeName}")
    {
        Endpoint = endpoint;
        _callback = callback;
        _time = time;
        _queue = new SampleQueue<T>(endpoint.Qos.QueueCapacity);
        _lifespanNs = (long)endpoint.Qos.Lifespan.TotalMilliseconds * 1_000_000;
        _lastArrivalTicks = time.GetTimestamp();
        if (endpoint.Qos.Deadline > TimeSpan.Zero)
        {
            _deadlineTimer = time.CreateTimer(_ => CheckDeadline(), null, endpoint.Qos.Deadline, endpoint.Qos.Deadline);
        }
    }

    public TopicEndpoint Endpoint { get; }

    public string Topic => Endpoint.Topic;

    /// <summary>Samples that reached this subscription's queue.</summary>
    public long ReceivedCount => _queue.Enqueued;

    /// <summary>Samples lost because the queue was full (keep-last overwrote them) or their lifespan ran out.</summary>
    public long DroppedCount => _queue.Dropped + Interlocked.Read(ref _expired);

    public long DeadlineMissedCount => Interlocked.Read(ref _deadlineMisses);

    /// <summary>Raised on a timer thread each time a deadline period passes without a sample.</summary>
    public event Action<Subscription<T>>? DeadlineMissed;

    internal void Attach(IDisposable reader) => _reader = reader;

    void IMessageSink<T>.OnMessage(T message, in MessageInfo info)
    {
        if (_deadlineTimer is not null)
        {
            Volatile.Write(ref _lastArrivalTicks, _time.GetTimestamp());
        }

        _queue.Enqueue(message, info);
        NotifyReady();
    }

    int IFlowControlledSink.FreeSlots => Endpoint.Qos.History == Qos.History.KeepAll ? Endpoint.Qos.QueueCapacity - _queue.Count : int.MaxValue;

    void IFlowControlledSink.NotifyWhenFree(Action callback) => Volatile.Write(ref _whenFree, callback);

    /// <summary>Takes one sample without the executor (polling use); false when empty.</summary>
    public bool TryTake(out T message, out MessageInfo info)
    {
        while (_queue.TryDequeue(out message, out info))
        {
            // Half empty again: let a transport that stopped taking (keep-all back-pressure) resume.
            if (Volatile.Read(ref _whenFree) is not null && _queue.Count <= Endpoint.Qos.QueueCapacity / 2)
            {
                Interlocked.Exchange(ref _whenFree, null)?.Invoke();
            }

            if (_lifespanNs == 0 || RosTime.ToNanoseconds(_time.GetUtcNow()) - info.SourceTimestampNs <= _lifespanNs)
            {
                return true;
            }

            Interlocked.Increment(ref _expired);
        }

        return false;
    }

    internal override bool TryExecuteOne()
    {
        if (!TryTake(out var message, out var info))
        {
            return false;
        }

        _callback(message, info);
        return true;
    }

    private void CheckDeadline()
    {
        var since = _time.GetElapsedTime(Volatile.Read(ref _lastArrivalTicks));
        if (since >= Endpoint.Qos.Deadline)
        {
            Interlocked.Increment(ref _deadlineMisses);
            DeadlineMissed?.Invoke(this);
        }
    }

    public void Dispose()
    {
        _deadlineTimer?.Dispose();
        _reader?.Dispose();
    }
}
