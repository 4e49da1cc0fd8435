using Robotics.Messages;
using Robotics.Middleware.Graph;

namespace Robotics.Middleware.Transport.Composite;

/// <summary>
/// Co-located nodes talk over <see cref="Local"/> (the zero-copy in-process bus) and everyone else over
/// <see cref="Remote"/> (DDS), without any node knowing (rclcpp's intra-process communication does the same).
/// Every endpoint exists on both; the remote transport must not deliver this process's own samples back (DDS:
/// ignore-local), so nothing arrives twice. A client calls a local server when there is one, else the remote one.
/// </summary>
public sealed class CompositeTransport(ITransport local, ITransport remote) : ITransport
{
    private readonly MergedGraph _graph = new(local.Graph, remote.Graph);

    public ITransport Local { get; } = local;

    public ITransport Remote { get; } = remote;

    public string Name => Local.Name + "+" + Remote.Name;

    public IGraph Graph => _graph;

    public event Action<string>? Warning
    {
        add
        {
            Local.Warning += value;
            Remote.Warning += value;
        }

        remove
        {
            Local.Warning -= value;
            Remote.Warning -= value;
        }
    }

    public ITopicWriter<T> CreateWriter<T>(TopicEndpoint endpoint)
        where T : class, IRosMessage<T> => new Writer<T>(Local.CreateWriter<T>(endpoint), Remote.CreateWriter<T>(endpoint));

    public IDisposable CreateReader<T>(TopicEndpoint endpoint, IMessageSink<T> sink)
        where T : class, IRosMessage<T> => new Both(Local.CreateReader(endpoint, sink), Remote.CreateReader(endpoint, sink));

    public IServiceServerChannel CreateServiceServer(ServiceEndpoint endpoint, IRequestSink sink)
    {
        var server = new Server(sink);
        server.Attach(Local.CreateServiceServer(endpoint, sink), Remote.CreateServiceServer(endpoint, server));
        return server;
    }

    public IServiceClientChannel CreateServiceClient(ServiceEndpoint endpoint, IResponseSink sink) =>
        new Client(Local.CreateServiceClient(endpoint, sink), Remote.CreateServiceClient(endpoint, sink));

    public IDisposable RegisterNode(string name, string nodeNamespace) => new Both(Local.RegisterNode(name, nodeNamespace), Remote.RegisterNode(name, nodeNamespace));

    public void Dispose()
    {
        Local.Dispose();
        Remote.Dispose();
    }

    private sealed class Writer<T>(ITopicWriter<T> local, ITopicWriter<T> remote) : ITopicWriter<T>
    {
        public int MatchedReaderCount => local.MatchedReaderCount + remote.MatchedReaderCount;

        public void Write(T message)
        {
            local.Write(message);
            remote.Write(message);
        }

        public void Dispose()
        {
            local.Dispose();
            remote.Dispose();
        }
    }

    /// <summary>Answers each request on the transport it came in on: remote requests are remembered until replied.</summary>
    private sealed class Server(IRequestSink sink) : IServiceServerChannel, IRequestSink
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<RequestId, byte> _remoteRequests = new();
        private IServiceServerChannel? _local;
        private IServiceServerChannel? _remote;

        public void Attach(IServiceServerChannel local, IServiceServerChannel remote) => (_local, _remote) = (local, remote);

        public void OnRequest(RequestId id, IRosMessage request)
        {
            _remoteRequests[id] = 0;
            sink.OnRequest(id, request);
        }

        public void Reply(RequestId id, IRosMessage response) =>
            (_remoteRequests.TryRemove(id, out _) ? _remote : _local)?.Reply(id, response);

        public void Dispose()
        {
            _local?.Dispose();
            _remote?.Dispose();
        }
    }

    private sealed class Client(IServiceClientChannel local, IServiceClientChannel remote) : IServiceClientChannel
    {
        public Guid ClientId => local.ClientId;

        public bool IsServiceAvailable => local.IsServiceAvailable || remote.IsServiceAvailable;

        public void Send(RequestId id, IRosMessage request)
        {
            if (local.IsServiceAvailable)
            {
                local.Send(id, request);
            }
            else
            {
                remote.Send(id, request);
            }
        }

        public void Dispose()
        {
            local.Dispose();
            remote.Dispose();
        }
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }

    /// <summary>The union of both graphs: this process's entities appear in both, so duplicates collapse.</summary>
    private sealed class MergedGraph(IGraph local, IGraph remote) : IGraph
    {
        public IReadOnlyList<GraphNode> Nodes => [.. local.Nodes.Union(remote.Nodes)];

        public IReadOnlyList<GraphEndpoint> Endpoints => [.. local.Endpoints.Union(remote.Endpoints)];

        public IReadOnlyList<GraphService> Services => [.. local.Services.Union(remote.Services)];

        public long Version => local.Version + remote.Version;
    }
}
