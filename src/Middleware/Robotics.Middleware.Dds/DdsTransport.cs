using System.Collections.Concurrent;
using Robotics.Messages;
using Robotics.Messages.Cdr;
using Robotics.Middleware.Dds.Graph;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Graph;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Dds;

/// <summary>
/// The ROS 2 wire over Cyclone DDS 0.10 (ROS2_WIRE.md): one participant per transport (per process, as rmw does),
/// topics as raw CDR that C# serializes, services with Cyclone's request header, the graph from DDS discovery plus
/// <c>ros_discovery_info</c>. Passes the same contract suite as the in-process bus.
/// </summary>
public sealed class DdsTransport : ITransport
{
    private readonly ConcurrentDictionary<(string Topic, string Type), EntityHandle> _topics = new();
    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _malformed = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _discovery = [];
    private readonly RawWriter _discoveryWriter;
    private readonly Timer? _flusher;
    private readonly IDisposable? _batching;
    private readonly ConcurrentDictionary<RawWriter, byte> _writers = new();
    private readonly DomainLease _domain;
    private int _disposed;

    public DdsTransport(DdsOptions? options = null)
    {
        Options = options ?? new DdsOptions();
        NativeLibraries.EnsureLoaded();
        _domain = DomainLease.Acquire((uint)Options.DomainId, CycloneConfig());
        try
        {
            using (var qos = DdsQos.WithUserData("enclave=/;"))
            {
                Participant = EntityHandle.Create(Ddsc.CreateParticipant((uint)Options.DomainId, qos.Handle, 0), $"dds_create_participant (domain {Options.DomainId})", null);
            }

            SocketInheritance.MarkCloseOnExec(); // the participant's UDP sockets now exist
            ParticipantGuid = Ddsc.GetGuid(Participant.Entity, out var guid) >= 0 ? guid.ToGuid() : Guid.Empty;
            Publisher = EntityHandle.Create(Ddsc.CreatePublisher(Participant.Entity, 0, 0), "dds_create_publisher", Participant);
            Subscriber = EntityHandle.Create(Ddsc.CreateSubscriber(Participant.Entity, 0, 0), "dds_create_subscriber", Participant);
            Graph = new DdsGraph(Warn);

            // ros_discovery_info: reliable, transient-local, keep-last 1 (rmw_cyclonedds rmw_context_impl_s::init).
            var infoQos = QosProfile.Latched;
            var infoTopic = Topic(DiscoveryInfo.Topic, DiscoveryInfo.DdsTypeName);
            using (var qos = DdsQos.For(infoQos))
            {
                _discoveryWriter = new RawWriter(Publisher, infoTopic, qos.Handle);
            }

            using (var qos = DdsQos.For(infoQos with { History = History.KeepAll }))
            {
                var infoReader = new RawReader(Subscriber, infoTopic, qos.Handle, OnDiscoveryInfo, e => ReportMalformed(DiscoveryInfo.Topic, "rmw_dds_common/msg/ParticipantEntitiesInfo", e));
                _discovery.Add(infoReader);
                infoReader.Start();
            }

            _discovery.Add(new BuiltinReader(Participant, Ddsc.BuiltinParticipantTopic, OnParticipant));
            _discovery.Add(new BuiltinReader(Participant, Ddsc.BuiltinPublicationTopic, (sample, in info) => OnEndpoint(sample, info, isWriter: true)));
            _discovery.Add(new BuiltinReader(Participant, Ddsc.BuiltinSubscriptionTopic, (sample, in info) => OnEndpoint(sample, info, isWriter: false)));
            Graph.LocalChanged += PublishDiscoveryInfo;
            PublishDiscoveryInfo();

            if (Options.BatchWrites)
            {
                _batching = WriteBatching.Acquire();
                _flusher = new Timer(_ => Flush(), null, Options.BatchFlushInterval, Options.BatchFlushInterval);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name => "dds";

    public DdsOptions Options { get; }

    /// <summary>This process's participant GUID: the Gid in our ros_discovery_info.</summary>
    public Guid ParticipantGuid { get; }

    IGraph ITransport.Graph => Graph;

    public event Action<string>? Warning;

    internal DdsGraph Graph { get; }

    internal EntityHandle Participant { get; }

    internal EntityHandle Publisher { get; }

    internal EntityHandle Subscriber { get; }

    internal TimeProvider TimeProvider => Options.TimeProvider;

    public ITopicWriter<T> CreateWriter<T>(TopicEndpoint endpoint)
        where T : class, IRosMessage<T> => new DdsTopicWriter<T>(this, endpoint);

    public IDisposable CreateReader<T>(TopicEndpoint endpoint, IMessageSink<T> sink)
        where T : class, IRosMessage<T> => new DdsTopicReader<T>(this, endpoint, sink);

    public IServiceServerChannel CreateServiceServer(ServiceEndpoint endpoint, IRequestSink sink) => new DdsServiceServer(this, endpoint, sink);

    public IServiceClientChannel CreateServiceClient(ServiceEndpoint endpoint, IResponseSink sink) => new DdsServiceClient(this, endpoint, sink);

    public IDisposable RegisterNode(string name, string nodeNamespace) => Graph.AddNode(name, nodeNamespace);

    /// <summary>Sends whatever batched writes are pending (only matters with <see cref="DdsOptions.BatchWrites"/>).</summary>
    public void Flush()
    {
        foreach (var writer in _writers.Keys)
        {
            writer.Flush();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _flusher?.Dispose();
        _batching?.Dispose();
        if (Graph is not null)
        {
            Graph.LocalChanged -= PublishDiscoveryInfo;
        }

        foreach (var reader in _discovery)
        {
            reader.Dispose();
        }

        _discoveryWriter?.Dispose();
        foreach (var topic in _topics.Values)
        {
            topic.Dispose();
        }

        Subscriber?.Dispose();
        Publisher?.Dispose();
        Participant?.Dispose();
        _domain?.Dispose();
    }

    internal int Topic(string ddsTopic, string ddsType) =>
        _topics.GetOrAdd((ddsTopic, ddsType), key =>
            EntityHandle.Create(RoboticsShim.CreateTopic(Participant.Entity, key.Topic, key.Type, 0), $"creating DDS topic {key.Topic} ({key.Type})", Participant)).Entity;

    /// <summary>USER_DATA of a topic endpoint: Jazzy adds the type hash (display only; no USER_DATA makes Jazzy warn).</summary>
    internal string EndpointUserData(MessageTypeInfo type, string prefix = "") =>
        Options.Distro.TypeHashInUserData ? $"{prefix}typehash={type.TypeHash};" : prefix;

    internal void Track(RawWriter writer) => _writers[writer] = 0;

    internal void Untrack(RawWriter writer) => _writers.TryRemove(writer, out _);

    /// <summary>Malformed samples dropped so far, per ROS topic or service (a peer sending bad CDR).</summary>
    public IReadOnlyDictionary<string, long> MalformedSamples => _malformed;

    /// <summary>Counts a dropped malformed sample and warns once per topic, with the first sample's error.</summary>
    internal void ReportMalformed(string topic, string typeName, Exception error)
    {
        if (error is not MessageDecodeException)
        {
            // The sample decoded; handing it on failed (a bug, not bad input): say so rather than blame the sender.
            Warn($"{topic}: delivering a {typeName} sample failed: {error.Message}");
            return;
        }

        if (_malformed.AddOrUpdate(topic, 1, (_, n) => n + 1) == 1)
        {
            Warn($"{topic}: dropping samples that are not valid {typeName} (first: {error.Message}); later ones are only counted");
        }
    }

    internal void Warn(string message)
    {
        if (_warned.TryAdd(message, 0))
        {
            Warning?.Invoke(message);
        }
    }

    private string CycloneConfig()
    {
        // rmw's order: its discovery fragment, then CYCLONEDDS_URI (user settings win); then ours (tests pin lo).
        var parts = new[] { Options.Discovery.ToCycloneFragment(Environment.ProcessId), Environment.GetEnvironmentVariable("CYCLONEDDS_URI"), Options.ExtraConfig };
        return string.Join(",", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    private void PublishDiscoveryInfo()
    {
        if (Volatile.Read(ref _disposed) != 0 || _discoveryWriter is null)
        {
            return;
        }

        var info = new DiscoveryInfo(ParticipantGuid, Graph.LocalNodeEntities());
        _discoveryWriter.Write(info.Encode(Options.Distro.GidSize));
    }

    private void OnDiscoveryInfo(ReadOnlySpan<byte> data, in ShimSample sample)
    {
        var info = DiscoveryInfo.Decode(data, Options.Distro.GidSize);
        if (info.Participant != ParticipantGuid)
        {
            Graph.SetParticipant(info);
        }
    }

    private unsafe void OnParticipant(nint sample, in SampleInfo info)
    {
        var key = ((DdsGuid*)sample)->ToGuid();
        if (info.InstanceState != Ddsc.InstanceAlive && key != ParticipantGuid)
        {
            Graph.RemoveParticipant(key);
        }
    }

    private unsafe void OnEndpoint(nint sample, in SampleInfo info, bool isWriter)
    {
        var endpoint = (BuiltinEndpoint*)sample;
        if (endpoint->ParticipantKey.ToGuid() == ParticipantGuid)
        {
            return; // our own endpoints are in the graph already, added and removed synchronously
        }

        var key = endpoint->Key.ToGuid();
        if (info.InstanceState != Ddsc.InstanceAlive || !info.ValidData)
        {
            Graph.RemoveRemote(key);
            return;
        }

        var topic = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(endpoint->TopicName) ?? string.Empty;
        var type = System.Runtime.InteropServices.Marshal.PtrToStringUTF8(endpoint->TypeName) ?? string.Empty;
        var qos = endpoint->Qos != 0 ? DdsQos.Read(endpoint->Qos) : QosProfile.Default;
        Graph.AddRemote(key, endpoint->ParticipantKey.ToGuid(), topic, type, isWriter, qos);
    }
}
