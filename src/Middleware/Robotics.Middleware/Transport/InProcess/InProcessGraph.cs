using Robotics.Middleware.Graph;

namespace Robotics.Middleware.Transport.InProcess;

/// <summary>The graph of one process: copy-on-write lists, so readers never lock.</summary>
internal sealed class InProcessGraph : IGraph
{
    private readonly Lock _lock = new();
    private GraphNode[] _nodes = [];
    private GraphEndpoint[] _endpoints = [];
    private GraphService[] _services = [];
    private long _version;

    public IReadOnlyList<GraphNode> Nodes => Volatile.Read(ref _nodes);

    public IReadOnlyList<GraphEndpoint> Endpoints => Volatile.Read(ref _endpoints);

    public IReadOnlyList<GraphService> Services => Volatile.Read(ref _services);

    public long Version => Interlocked.Read(ref _version);

    public IDisposable Add(GraphNode node) => Add(ref _nodes, node);

    public IDisposable Add(GraphEndpoint endpoint) => Add(ref _endpoints, endpoint);

    public IDisposable Add(GraphService service) => Add(ref _services, service);

    private Registration Add<T>(ref T[] list, T item)
        where T : class
    {
        lock (_lock)
        {
            list = [.. list, item];
            Interlocked.Increment(ref _version);
        }

        return new Registration(this, item);
    }

    private void Remove(object item)
    {
        lock (_lock)
        {
            switch (item)
            {
                case GraphNode node: _nodes = [.. _nodes.Where(n => !ReferenceEquals(n, node))]; break;
                case GraphEndpoint endpoint: _endpoints = [.. _endpoints.Where(e => !ReferenceEquals(e, endpoint))]; break;
                case GraphService service: _services = [.. _services.Where(s => !ReferenceEquals(s, service))]; break;
            }

            Interlocked.Increment(ref _version);
        }
    }

    private sealed class Registration(InProcessGraph graph, object item) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                graph.Remove(item);
            }
        }
    }
}
