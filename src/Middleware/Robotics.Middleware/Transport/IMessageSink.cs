namespace Robotics.Middleware.Transport;

/// <summary>
/// Where a transport delivers samples of one subscription. Called on the transport's thread (the publisher's, for
/// the in-process bus): implementations only enqueue and signal, never block or run user code.
/// </summary>
public interface IMessageSink<in T>
{
    void OnMessage(T message, in MessageInfo info);
}
