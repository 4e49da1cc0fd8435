using Robotics.Messages;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Dds;

/// <summary>
/// A service server: reads <c>rq/&lt;service&gt;Request</c>, answers on <c>rr/&lt;service&gt;Reply</c> with the client's
/// id and sequence echoed. Both endpoints carry <c>serviceid=…;</c> in USER_DATA so rmw clients can pair them.
/// </summary>
internal sealed class DdsServiceServer : IServiceServerChannel
{
    private readonly DdsTransport _transport;
    private readonly ServiceEndpoint _endpoint;
    private readonly IRequestSink _sink;
    private readonly RawWriter _replies;
    private readonly RawReader _requests;
    private readonly IDisposable[] _registrations;

    public DdsServiceServer(DdsTransport transport, ServiceEndpoint endpoint, IRequestSink sink)
    {
        (_transport, _endpoint, _sink) = (transport, endpoint, sink);
        var (requestTopic, replyTopic) = (RosTopicNames.Request(endpoint.Service), RosTopicNames.Reply(endpoint.Service));
        var (requestType, replyType) = (endpoint.Type.Request, endpoint.Type.Response);
        using (var qos = DdsQos.For(endpoint.Qos, transport.EndpointUserData(replyType, "serviceid=" + ServiceIds.NewText() + ";"), transport.Options.IgnoreLocalParticipant))
        {
            _replies = new RawWriter(transport.Publisher, transport.Topic(replyTopic, replyType.DdsName), qos.Handle);
            _requests = new RawReader(transport.Subscriber, transport.Topic(requestTopic, requestType.DdsName), qos.Handle, OnRequest, OnFailure);
        }

        _registrations =
        [
            transport.Graph.AddLocal(_requests.Guid, requestTopic, requestType.DdsName, isWriter: false, endpoint.Qos, endpoint.NodeName, endpoint.NodeNamespace),
            transport.Graph.AddLocal(_replies.Guid, replyTopic, replyType.DdsName, isWriter: true, endpoint.Qos, endpoint.NodeName, endpoint.NodeNamespace),
        ];
        _requests.Start();
    }

    public void Reply(RequestId id, IRosMessage response) =>
        _replies.Write(ServiceHeader.Encode(ServiceIds.ToWire(id.ClientId), id.Sequence, response));

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _requests.Dispose();
        _replies.Dispose();
    }

    private void OnRequest(ReadOnlySpan<byte> data, in ShimSample sample)
    {
        var (client, sequence, request) = ServiceHeader.Decode(data, _endpoint.Type.Request);
        _sink.OnRequest(new RequestId(ServiceIds.FromWire(client), sequence), request);
    }

    private void OnFailure(Exception error) =>
        _transport.ReportMalformed(_endpoint.Service, _endpoint.Type.Request.Name, error);
}
