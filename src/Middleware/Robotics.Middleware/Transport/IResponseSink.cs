using Robotics.Messages;

namespace Robotics.Middleware.Transport;

/// <summary>Where a transport delivers responses for a service client.</summary>
public interface IResponseSink
{
    void OnResponse(RequestId id, IRosMessage response);
}
