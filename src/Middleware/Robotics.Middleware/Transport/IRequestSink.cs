using Robotics.Messages;

namespace Robotics.Middleware.Transport;

/// <summary>Where a transport delivers requests for a service server (enqueue only, like <see cref="IMessageSink{T}"/>).</summary>
public interface IRequestSink
{
    void OnRequest(RequestId id, IRosMessage request);
}
