using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Graph;
using Robotics.Middleware.Qos;

namespace Robotics.Middleware.Dds.Graph;

/// <summary>
/// The ROS graph as seen over DDS: this process's nodes and endpoints (known directly, so they appear and vanish
/// synchronously) plus other processes' endpoints from DDS discovery, attributed to nodes through their
/// <c>ros_discovery_info</c>. Also where endpoint pairs are checked for type and QoS mismatches.
/// </summary>
internal sealed class DdsGraph : IGraph
{
    private readonly Lock _lock = new();
    private readonly List<LocalNode> _nodes = [];
    private readonly Dictionary<Guid, Endpoint> _endpoints = [];
    private readonly Dictionary<Guid, DiscoveryInfo> _participants = [];
    private readonly Action<string> _warn;
    private long _version;
    private (long Version, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEndpoint> Endpoints, IReadOnlyList<GraphService> Services)? _view;

    public DdsGraph(Action<string> warn) => _warn = warn;

    /// <summary>Raised (outside the lock) when this process's nodes or endpoints changed: republish ros_discovery_info.</summary>
    public event Action? LocalChanged;

    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<GraphNode> Nodes => View().Nodes;

    public IReadOnlyList<GraphEndpoint> Endpoints => View().Endpoints;

    public IReadOnlyList<GraphService> Services => View().Services;

    public IDisposable AddNode(string name, string nodeNamespace)
    {
        var node = new LocalNode(name, nodeNamespace);
        Change(() => _nodes.Add(node), local: true);
        return new Registration(() => Change(() => _nodes.Remove(node), local: true));
    }

    /// <summary>Records one of our DDS readers or writers; disposing the result removes it.</summary>
    public IDisposable AddLocal(Guid guid, string ddsTopic, string ddsType, bool isWriter, QosProfile qos, string nodeName, string nodeNamespace)
    {
        var endpoint = new Endpoint(guid, Guid.Empty, ddsTopic, ddsType, isWriter, qos, Local: (nodeName, nodeNamespace));
        Change(() => _endpoints[guid] = endpoint, local: true);
        CheckMatches(endpoint);
        return new Registration(() => Change(() => _endpoints.Remove(guid), local: true));
    }

    public void AddRemote(Guid guid, Guid participant, string ddsTopic, string ddsType, bool isWriter, QosProfile qos)
    {
        var endpoint = new Endpoint(guid, participant, ddsTopic, ddsType, isWriter, qos, Local: null);
        Change(() => _endpoints[guid] = endpoint, local: false);
        CheckMatches(endpoint);
    }

    public void RemoveRemote(Guid guid) => Change(() => _endpoints.Remove(guid), local: false);

    public void SetParticipant(DiscoveryInfo info) => Change(() => _participants[info.Participant] = info, local: false);

    public void RemoveParticipant(Guid participant) => Change(
        () =>
        {
            _participants.Remove(participant);
            foreach (var gone in _endpoints.Values.Where(e => e.Participant == participant).Select(e => e.Guid).ToList())
            {
                _endpoints.Remove(gone);
            }
        },
        local: false);

    /// <summary>This process's nodes with the GUIDs of their readers and writers, as ros_discovery_info carries them.</summary>
    public IReadOnlyList<NodeEntities> LocalNodeEntities()
    {
        lock (_lock)
        {
            return [.. _nodes.Select(n => new NodeEntities(
                n.Namespace,
                n.Name,
                [.. _endpoints.Values.Where(e => !e.IsWriter && e.Local == (n.Name, n.Namespace)).Select(e => e.Guid)],
                [.. _endpoints.Values.Where(e => e.IsWriter && e.Local == (n.Name, n.Namespace)).Select(e => e.Guid)]))];
        }
    }

    private void Change(Action change, bool local)
    {
        lock (_lock)
        {
            change();
            Interlocked.Increment(ref _version);
        }

        if (local)
        {
            LocalChanged?.Invoke();
        }
    }

    private void CheckMatches(Endpoint added)
    {
        List<Endpoint> peers;
        lock (_lock)
        {
            peers = [.. _endpoints.Values.Where(e => e.DdsTopic == added.DdsTopic && e.IsWriter != added.IsWriter && (e.Local is not null || added.Local is not null))];
        }

        foreach (var peer in peers)
        {
            var (writer, reader) = added.IsWriter ? (added, peer) : (peer, added);
            var (topicKind, rosName) = RosTopicNames.Parse(added.DdsTopic);
            var what = topicKind == DdsTopicKind.Topic ? rosName : added.DdsTopic;
            if (writer.DdsType != reader.DdsType)
            {
                _warn($"{what}: a publisher of {RosTopicNames.RosTypeName(writer.DdsType)} and a subscription of {RosTopicNames.RosTypeName(reader.DdsType)} share the topic; DDS matches by type name, so they will not connect");
            }
            else if (QosCompatibility.Check(writer.Qos, reader.Qos) is { } reason)
            {
                _warn($"{what}: incompatible QoS, {reason}");
            }
        }
    }

    private (long Version, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEndpoint> Endpoints, IReadOnlyList<GraphService> Services) View()
    {
        lock (_lock)
        {
            if (_view is { } cached && cached.Version == _version)
            {
                return cached;
            }

            var owners = new Dictionary<Guid, (string Name, string Namespace)>();
            var nodes = new List<GraphNode>(_nodes.Select(n => new GraphNode(n.Name, n.Namespace)));
            foreach (var info in _participants.Values)
            {
                foreach (var node in info.Nodes)
                {
                    nodes.Add(new GraphNode(node.Name, node.Namespace));
                    foreach (var guid in node.Readers.Concat(node.Writers))
                    {
                        owners[guid] = (node.Name, node.Namespace);
                    }
                }
            }

            var endpoints = new List<GraphEndpoint>();
            var services = new List<GraphService>();
            foreach (var e in _endpoints.Values)
            {
                var (name, ns) = e.Local ?? (owners.TryGetValue(e.Guid, out var owner) ? owner : (string.Empty, string.Empty));
                var (kind, rosName) = RosTopicNames.Parse(e.DdsTopic);
                if (kind == DdsTopicKind.Topic)
                {
                    endpoints.Add(new GraphEndpoint(rosName, RosTopicNames.RosTypeName(e.DdsType), e.IsWriter ? EndpointKind.Publisher : EndpointKind.Subscription, name, ns, e.Qos));
                }
                else if (kind == DdsTopicKind.Request)
                {
                    // A request reader is a server, a request writer a client (the reply endpoints would double-count).
                    services.Add(new GraphService(rosName, RosTopicNames.RosTypeName(e.DdsType, asService: true), IsServer: !e.IsWriter, name, ns));
                }
            }

            _view = (_version, nodes.Distinct().ToList(), endpoints, services);
            return _view.Value;
        }
    }

    private sealed record LocalNode(string Name, string Namespace);

    private sealed record Endpoint(Guid Guid, Guid Participant, string DdsTopic, string DdsType, bool IsWriter, QosProfile Qos, (string Name, string Namespace)? Local);

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
