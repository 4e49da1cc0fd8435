using Robotics.Messages;

namespace Robotics.Middleware.Transport;

/// <summary>The transport side of a service server.</summary>
public interface IServiceServerChannel : IDisposable
{
    void Reply(RequestId id, IRosMessage response);
}
