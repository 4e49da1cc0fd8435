using Robotics.Messages;

namespace Robotics.Middleware.Transport;

/// <summary>The transport side of a service client.</summary>
public interface IServiceClientChannel : IDisposable
{
    Guid ClientId { get; }

    /// <summary>True when a server for the service is matched.</summary>
    bool IsServiceAvailable { get; }

    void Send(RequestId id, IRosMessage request);
}
