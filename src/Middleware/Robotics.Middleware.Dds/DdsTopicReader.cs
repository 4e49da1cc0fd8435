using Robotics.Messages;
using Robotics.Messages.Cdr;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Time;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Dds;

/// <summary>
/// A subscription's DDS reader on <c>rt/&lt;topic&gt;</c>: decodes each sample on Cyclone's thread and hands it to the
/// subscription's queue (which only enqueues). A malformed sample is dropped with a warning naming the topic and the
/// sender; it never reaches a callback and never stops the reader.
/// </summary>
internal sealed class DdsTopicReader<T> : IDisposable
    where T : class, IRosMessage<T>
{
    private readonly DdsTransport _transport;
    private readonly TopicEndpoint _endpoint;
    private readonly IMessageSink<T> _sink;
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, (Guid Id, long Sequence)> _publishers = [];
    private readonly RawReader _reader;
    private readonly IDisposable _registration;

    public DdsTopicReader(DdsTransport transport, TopicEndpoint endpoint, IMessageSink<T> sink)
    {
        (_transport, _endpoint, _sink) = (transport, endpoint, sink);
        var ddsTopic = RosTopicNames.Topic(endpoint.Topic);
        var topic = transport.Topic(ddsTopic, endpoint.Type.DdsName);
        using (var qos = DdsQos.For(endpoint.Qos, transport.EndpointUserData(endpoint.Type), transport.Options.IgnoreLocalParticipant))
        {
            _reader = new RawReader(transport.Subscriber, topic, qos.Handle, OnSample, OnFailure, sink as IFlowControlledSink);
        }

        _registration = transport.Graph.AddLocal(_reader.Guid, ddsTopic, endpoint.Type.DdsName, isWriter: false, endpoint.Qos, endpoint.NodeName, endpoint.NodeNamespace);
        _reader.Start();
    }

    public void Dispose()
    {
        _registration.Dispose();
        _reader.Dispose();
    }

    private void OnSample(ReadOnlySpan<byte> data, in ShimSample sample)
    {
        var message = CdrSerializer.Deserialize<T>(data);
        var (publisher, sequence) = NextFrom(sample.PublicationHandle);
        _sink.OnMessage(message, new MessageInfo(sample.SourceTimestamp, RosTime.NowNanoseconds(_transport.TimeProvider), publisher, sequence));
    }

    private void OnFailure(Exception error) =>
        _transport.ReportMalformed(_endpoint.Topic, _endpoint.Type.Name, error);

    /// <summary>The publisher's GUID (looked up once per publisher) and a per-publisher arrival number.</summary>
    private unsafe (Guid Id, long Sequence) NextFrom(ulong handle)
    {
        lock (_lock)
        {
            if (!_publishers.TryGetValue(handle, out var entry))
            {
                var data = Ddsc.GetMatchedPublicationData(_reader.Entity, handle);
                entry = (data is null ? Guid.Empty : data->Key.ToGuid(), 0);
                if (data is not null)
                {
                    Ddsc.FreeEndpoint(data);
                }
            }

            entry.Sequence++;
            _publishers[handle] = entry;
            return entry;
        }
    }
}
