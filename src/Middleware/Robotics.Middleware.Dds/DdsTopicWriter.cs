using Robotics.Messages;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Dds;

/// <summary>A publisher's DDS writer on <c>rt/&lt;topic&gt;</c>.</summary>
internal sealed class DdsTopicWriter<T> : ITopicWriter<T>
    where T : class, IRosMessage<T>
{
    private readonly DdsTransport _transport;
    private readonly RawWriter _writer;
    private readonly IDisposable _registration;

    public DdsTopicWriter(DdsTransport transport, TopicEndpoint endpoint)
    {
        _transport = transport;
        var ddsTopic = RosTopicNames.Topic(endpoint.Topic);
        var topic = transport.Topic(ddsTopic, endpoint.Type.DdsName);
        using (var qos = DdsQos.For(endpoint.Qos, transport.EndpointUserData(endpoint.Type), transport.Options.IgnoreLocalParticipant))
        {
            _writer = new RawWriter(transport.Publisher, topic, qos.Handle, batched: transport.Options.BatchWrites);
        }

        transport.Track(_writer);
        _registration = transport.Graph.AddLocal(_writer.Guid, ddsTopic, endpoint.Type.DdsName, isWriter: true, endpoint.Qos, endpoint.NodeName, endpoint.NodeNamespace);
    }

    public int MatchedReaderCount => _writer.MatchedReaderCount;

    public void Write(T message) => _writer.Write(message);

    public void Dispose()
    {
        _registration.Dispose();
        _transport.Untrack(_writer);
        _writer.Dispose();
    }
}
