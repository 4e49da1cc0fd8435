using System.Collections.Concurrent;
using Robotics.Messages;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Services;

/// <summary>
/// Answers requests with a handler run by the executor (rclcpp Service). An internal deferred form lets the handler
/// return null and answer later with <see cref="Reply"/> (an action's get_result waits for the goal to finish).
/// </summary>
public sealed class ServiceServer<TRequest, TResponse> : Executable, IRequestSink, IDisposable
    where TRequest : class, IRosMessage<TRequest>
    where TResponse : class, IRosMessage<TResponse>
{
    private readonly ConcurrentQueue<(RequestId Id, TRequest Request)> _requests = new();
    private readonly Func<RequestId, TRequest, TResponse?> _handler;
    private IServiceServerChannel? _channel;

    internal ServiceServer(ServiceEndpoint endpoint, Func<RequestId, TRequest, TResponse?> handler, CallbackGroup group)
        : base(group, $"service {endpoint.Service} of {endpoint.NodeName}")
    {
        Endpoint = endpoint;
        _handler = handler;
    }

    public ServiceEndpoint Endpoint { get; }

    internal void Attach(IServiceServerChannel channel) => _channel = channel;

    void IRequestSink.OnRequest(RequestId id, IRosMessage request)
    {
        if (request is TRequest typed)
        {
            _requests.Enqueue((id, typed));
            NotifyReady();
        }
    }

    internal override bool TryExecuteOne()
    {
        if (!_requests.TryDequeue(out var item))
        {
            return false;
        }

        if (_handler(item.Id, item.Request) is { } response)
        {
            Reply(item.Id, response);
        }

        return true;
    }

    /// <summary>Answers a request whose handler returned null (the deferred form); any thread.</summary>
    internal void Reply(RequestId id, TResponse response) => _channel?.Reply(id, response);

    public void Dispose() => _channel?.Dispose();
}
