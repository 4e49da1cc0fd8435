using System.Collections.Concurrent;
using Robotics.Messages;

namespace Robotics.Middleware.Transport.InProcess;

/// <summary>One service inside the process: requests go to the first server, responses back to the asking client.</summary>
internal sealed class ServiceBus(string service)
{
    private readonly Lock _lock = new();
    private readonly List<Server> _servers = [];
    private readonly ConcurrentDictionary<Guid, Client> _clients = new();

    public string Service { get; } = service;

    public IServiceServerChannel AddServer(IRequestSink sink)
    {
        var server = new Server(this, sink);
        lock (_lock)
        {
            _servers.Add(server);
        }

        return server;
    }

    public IServiceClientChannel AddClient(IResponseSink sink)
    {
        var client = new Client(this, sink);
        _clients[client.ClientId] = client;
        return client;
    }

    private Server? FirstServer()
    {
        lock (_lock)
        {
            return _servers.Count > 0 ? _servers[0] : null;
        }
    }

    private sealed class Server(ServiceBus bus, IRequestSink sink) : IServiceServerChannel
    {
        public IRequestSink Sink { get; } = sink;

        public void Reply(RequestId id, IRosMessage response)
        {
            // A client that went away meanwhile simply never gets its answer, as with DDS.
            if (bus._clients.TryGetValue(id.ClientId, out var client))
            {
                client.Sink.OnResponse(id, response);
            }
        }

        public void Dispose()
        {
            lock (bus._lock)
            {
                bus._servers.Remove(this);
            }
        }
    }

    private sealed class Client(ServiceBus bus, IResponseSink sink) : IServiceClientChannel
    {
        public Guid ClientId { get; } = Guid.NewGuid();

        public IResponseSink Sink { get; } = sink;

        public bool IsServiceAvailable => bus.FirstServer() is not null;

        public void Send(RequestId id, IRosMessage request)
        {
            var server = bus.FirstServer() ?? throw new InvalidOperationException($"service '{bus.Service}' is not available (no server)");
            server.Sink.OnRequest(id, request);
        }

        public void Dispose() => bus._clients.TryRemove(ClientId, out _);
    }
}
