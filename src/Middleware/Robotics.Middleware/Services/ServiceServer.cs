using System.Collections.Concurrent;
using Robotics.Messages;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Services;

/// <summary>Answers requests with a handler run by the executor (rclcpp Service).</summary>
public sealed class ServiceServer<TRequest, TResponse> : Executable, IRequestSink, IDisposable
    where TRequest : class, IRosMessage<TRequest>
    where TResponse : class, IRosMessage<TResponse>
{
    private readonly ConcurrentQueue<(RequestId Id, TRequest Request)> _requests = new();
    private readonly Func<TRequest, TResponse> _handler;
    private IServiceServerChannel? _channel;

    internal ServiceServer(ServiceEndpoint endpoint, Func<TRequest, TResponse> handler, CallbackGroup group)
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

        _channel?.Reply(item.Id, _handler(item.Request));
        return true;
    }

    public void Dispose() => _channel?.Dispose();
}
