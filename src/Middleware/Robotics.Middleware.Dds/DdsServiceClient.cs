using Robotics.Messages;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Dds;

/// <summary>
/// A service client: writes <c>rq/&lt;service&gt;Request</c> with its own id, reads <c>rr/&lt;service&gt;Reply</c> and keeps
/// only replies carrying that id (every client of a service shares the reply topic).
/// </summary>
internal sealed class DdsServiceClient : IServiceClientChannel
{
    private readonly DdsTransport _transport;
    private readonly ServiceEndpoint _endpoint;
    private readonly IResponseSink _sink;
    private readonly ulong _wireId;
    private readonly RawWriter _requests;
    private readonly RawReader _replies;
    private readonly IDisposable[] _registrations;

    public DdsServiceClient(DdsTransport transport, ServiceEndpoint endpoint, IResponseSink sink)
    {
        (_transport, _endpoint, _sink) = (transport, endpoint, sink);
        _wireId = ServiceIds.NewWireId();
        ClientId = ServiceIds.FromWire(_wireId);
        var (requestTopic, replyTopic) = (RosTopicNames.Request(endpoint.Service), RosTopicNames.Reply(endpoint.Service));
        var (requestType, replyType) = (endpoint.Type.Request, endpoint.Type.Response);
        using (var qos = DdsQos.For(endpoint.Qos, transport.EndpointUserData(requestType, "clientid=" + ServiceIds.NewText() + ";"), transport.Options.IgnoreLocalParticipant))
        {
            _requests = new RawWriter(transport.Publisher, transport.Topic(requestTopic, requestType.DdsName), qos.Handle);
            _replies = new RawReader(transport.Subscriber, transport.Topic(replyTopic, replyType.DdsName), qos.Handle, OnReply, OnFailure);
        }

        _registrations =
        [
            transport.Graph.AddLocal(_requests.Guid, requestTopic, requestType.DdsName, isWriter: true, endpoint.Qos, endpoint.NodeName, endpoint.NodeNamespace),
            transport.Graph.AddLocal(_replies.Guid, replyTopic, replyType.DdsName, isWriter: false, endpoint.Qos, endpoint.NodeName, endpoint.NodeNamespace),
        ];
        _replies.Start();
    }

    public Guid ClientId { get; }

    /// <summary>A server is there when both halves matched: our requests have a reader and our reply reader a writer.</summary>
    public bool IsServiceAvailable => _requests.MatchedReaderCount > 0 && _replies.MatchedWriterCount > 0;

    public void Send(RequestId id, IRosMessage request) => _requests.Write(ServiceHeader.Encode(_wireId, id.Sequence, request));

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _replies.Dispose();
        _requests.Dispose();
    }

    private void OnReply(ReadOnlySpan<byte> data, in ShimSample sample)
    {
        var (client, sequence, response) = ServiceHeader.Decode(data, _endpoint.Type.Response);
        if (client == _wireId)
        {
            _sink.OnResponse(new RequestId(ClientId, sequence), response);
        }
    }

    private void OnFailure(Exception error) =>
        _transport.ReportMalformed(_endpoint.Service, _endpoint.Type.Response.Name, error);
}
