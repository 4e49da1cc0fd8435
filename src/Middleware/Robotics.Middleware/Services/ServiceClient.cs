using System.Collections.Concurrent;
using Robotics.Messages;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Services;

/// <summary>
/// Calls a service. Responses complete the returned task directly (no executor needed to receive them), so
/// <c>await client.CallAsync(...)</c> works from any thread.
/// </summary>
public sealed class ServiceClient<TRequest, TResponse> : IResponseSink, IDisposable
    where TRequest : class, IRosMessage<TRequest>
    where TResponse : class, IRosMessage<TResponse>
{
    private static long _sequence;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<TResponse>> _pending = new();
    private IServiceClientChannel? _channel;

    internal ServiceClient(ServiceEndpoint endpoint)
    {
        Endpoint = endpoint;
    }

    public ServiceEndpoint Endpoint { get; }

    public bool IsServiceAvailable => _channel?.IsServiceAvailable ?? false;

    internal void Attach(IServiceClientChannel channel) => _channel = channel;

    /// <summary>Waits (polling every 10 ms) until a server is matched; false on timeout.</summary>
    public async Task<bool> WaitForServiceAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!IsServiceAvailable)
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<TResponse> CallAsync(TRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var channel = _channel ?? throw new ObjectDisposedException(nameof(ServiceClient<TRequest, TResponse>));
        if (!channel.IsServiceAvailable)
        {
            throw new InvalidOperationException($"service '{Endpoint.Service}' is not available: start its node or wait with WaitForServiceAsync");
        }

        // Sequence numbers are process-wide and start at 1 (rmw_cyclonedds, ROS2_WIRE.md).
        var id = new RequestId(channel.ClientId, Interlocked.Increment(ref _sequence));
        var completion = new TaskCompletionSource<TResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id.Sequence] = completion;
        using var registration = cancellationToken.Register(() =>
        {
            if (_pending.TryRemove(id.Sequence, out var pending))
            {
                pending.TrySetCanceled(cancellationToken);
            }
        });
        try
        {
            channel.Send(id, request);
        }
        catch
        {
            // Nothing was sent (e.g. the request cannot be encoded): forget the call instead of leaking it.
            _pending.TryRemove(id.Sequence, out _);
            throw;
        }

        return await completion.Task.ConfigureAwait(false);
    }

    void IResponseSink.OnResponse(RequestId id, IRosMessage response)
    {
        if (_pending.TryRemove(id.Sequence, out var completion) && response is TResponse typed)
        {
            completion.TrySetResult(typed);
        }
    }

    public void Dispose()
    {
        _channel?.Dispose();
        _channel = null;
        foreach (var pending in _pending.Values)
        {
            pending.TrySetCanceled();
        }
    }
}
