using System.Collections.Concurrent;
using Robotics.Messages;
using Robotics.Middleware.Graph;

namespace Robotics.Middleware.Transport.InProcess;

/// <summary>
/// The embedded default transport: nodes of one process exchange message objects without serializing.
/// Delivery runs on the publisher's thread but only enqueues into each subscription's bounded queue, so a slow
/// subscriber never blocks a publisher or the control loop.
/// </summary>
public sealed class InProcessTransport(TimeProvider? timeProvider = null) : ITransport
{
    private readonly ConcurrentDictionary<string, object> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServiceBus> _services = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _topicTypes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);
    private readonly InProcessGraph _graph = new();

    public string Name => "inprocess";

    public IGraph Graph => _graph;

    internal TimeProvider TimeProvider { get; } = timeProvider ?? TimeProvider.System;

    public event Action<string>? Warning;

    public ITopicWriter<T> CreateWriter<T>(TopicEndpoint endpoint)
        where T : class, IRosMessage<T>
    {
        var writer = Bus<T>(endpoint).AddWriter(endpoint);
        return new TrackedWriter<T>(writer, _graph.Add(ToGraph(endpoint, EndpointKind.Publisher)));
    }

    public IDisposable CreateReader<T>(TopicEndpoint endpoint, IMessageSink<T> sink)
        where T : class, IRosMessage<T>
    {
        var reader = Bus<T>(endpoint).AddReader(endpoint, sink);
        return new TrackedReader(reader, _graph.Add(ToGraph(endpoint, EndpointKind.Subscription)));
    }

    public IServiceServerChannel CreateServiceServer(ServiceEndpoint endpoint, IRequestSink sink)
    {
        var server = ServiceBusFor(endpoint).AddServer(sink);
        var registration = _graph.Add(new GraphService(endpoint.Service, endpoint.Type.Name, IsServer: true, endpoint.NodeName, endpoint.NodeNamespace));
        return new TrackedServer(server, registration);
    }

    public IServiceClientChannel CreateServiceClient(ServiceEndpoint endpoint, IResponseSink sink)
    {
        var client = ServiceBusFor(endpoint).AddClient(sink);
        var registration = _graph.Add(new GraphService(endpoint.Service, endpoint.Type.Name, IsServer: false, endpoint.NodeName, endpoint.NodeNamespace));
        return new TrackedClient(client, registration);
    }

    public IDisposable RegisterNode(string name, string nodeNamespace) => _graph.Add(new GraphNode(name, nodeNamespace));

    public void Dispose()
    {
    }

    internal void Warn(string message)
    {
        if (_warned.TryAdd(message, 0))
        {
            Warning?.Invoke(message);
        }
    }

    private TopicBus<T> Bus<T>(TopicEndpoint endpoint)
        where T : class, IRosMessage<T>
    {
        var typeName = _topicTypes.GetOrAdd(endpoint.Topic, endpoint.Type.Name);
        if (typeName != endpoint.Type.Name)
        {
            // DDS matches by type name: endpoints of different types on one topic never connect (ROS2_WIRE.md).
            Warn($"{endpoint.Topic}: {endpoint.NodeName} uses type {endpoint.Type.Name} but the topic already carries {typeName}; they will not connect");
            return (TopicBus<T>)_topics.GetOrAdd(endpoint.Topic + "#" + endpoint.Type.Name, t => new TopicBus<T>(endpoint.Topic, this));
        }

        return (TopicBus<T>)_topics.GetOrAdd(endpoint.Topic, t => new TopicBus<T>(t, this));
    }

    private ServiceBus ServiceBusFor(ServiceEndpoint endpoint) =>
        _services.GetOrAdd(endpoint.Service + "#" + endpoint.Type.Name, _ => new ServiceBus(endpoint.Service));

    private static GraphEndpoint ToGraph(TopicEndpoint endpoint, EndpointKind kind) =>
        new(endpoint.Topic, endpoint.Type.Name, kind, endpoint.NodeName, endpoint.NodeNamespace, endpoint.Qos);

    private sealed class TrackedWriter<T>(ITopicWriter<T> inner, IDisposable registration) : ITopicWriter<T>
    {
        public int MatchedReaderCount => inner.MatchedReaderCount;

        public void Write(T message) => inner.Write(message);

        public void Dispose()
        {
            registration.Dispose();
            inner.Dispose();
        }
    }

    private sealed class TrackedReader(IDisposable inner, IDisposable registration) : IDisposable
    {
        public void Dispose()
        {
            registration.Dispose();
            inner.Dispose();
        }
    }

    private sealed class TrackedServer(IServiceServerChannel inner, IDisposable registration) : IServiceServerChannel
    {
        public void Reply(RequestId id, IRosMessage response) => inner.Reply(id, response);

        public void Dispose()
        {
            registration.Dispose();
            inner.Dispose();
        }
    }

    private sealed class TrackedClient(IServiceClientChannel inner, IDisposable registration) : IServiceClientChannel
    {
        public Guid ClientId => inner.ClientId;

        public bool IsServiceAvailable => inner.IsServiceAvailable;

        public void Send(RequestId id, IRosMessage request) => inner.Send(id, request);

        public void Dispose()
        {
            registration.Dispose();
            inner.Dispose();
        }
    }
}
