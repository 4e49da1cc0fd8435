using System.Collections.Concurrent;
using Robotics.Messages;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Logging;
using Robotics.Middleware.Names;
using Robotics.Middleware.Services;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware.Tests.TestSupport;

/// <summary>
/// One test's ROS world: a context on the given transport and time, a collecting log sink, a single-threaded
/// executor that every node made here is added to, and the transport's warnings. <see cref="AssertClean"/> fails the
/// test when anything logged an error or a callback threw unless the test said it expects that
/// (MQTTnet TestEnvironment, CONVENTIONS.md 13).
/// </summary>
public sealed class RosTestEnvironment : IDisposable
{
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly ConcurrentQueue<string> _callbackFailures = new();

    public IReadOnlyCollection<string> CallbackFailures => _callbackFailures;
    private bool _errorsExpected;
    private bool _disposed;

    public RosTestEnvironment(ITransport? transport = null, TimeProvider? time = null, LogLevel logLevel = LogLevel.Info, IReadOnlyList<RemapRule>? remappings = null)
    {
        Log = new CollectingLogSink();
        Context = new RosContext(new ContextOptions
        {
            Transport = transport,
            TimeProvider = time,
            LogSink = Log,
            LogLevel = logLevel,
            Remappings = remappings ?? [],
        });
        Context.Transport.Warning += _warnings.Enqueue;
        Executor = new SingleThreadedExecutor();
        Executor.CallbackFailed += (entity, error) => _callbackFailures.Enqueue($"{entity.Description}: {error}");
    }

    public CollectingLogSink Log { get; }

    public RosContext Context { get; }

    public SingleThreadedExecutor Executor { get; }

    /// <summary>What the transport warned about (QoS or type mismatches).</summary>
    public IReadOnlyList<string> Warnings => [.. _warnings];

    /// <summary>Lets this test log errors and have callbacks throw without failing.</summary>
    public void ExpectErrors() => _errorsExpected = true;

    /// <summary>Creates a node and adds it to <see cref="Executor"/>.</summary>
    public Node CreateNode(string name, NodeOptions? options = null)
    {
        var node = Context.CreateNode(name, options);
        Executor.Add(node);
        return node;
    }

    /// <summary>Spins the executor until the condition holds; fails the test on timeout.</summary>
    public void SpinUntil(Func<bool> condition, string because) => SpinUntil(condition, because, Eventually.Timeout);

    public void SpinUntil(Func<bool> condition, string because, TimeSpan timeout)
    {
        Assert.True(Executor.SpinUntil(condition, timeout), $"timed out after {timeout.TotalSeconds} s spinning until {because}");
    }

    /// <summary>Calls a service and spins until the answer arrives (the server's node must be in <see cref="Executor"/>).</summary>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(ServiceClient<TRequest, TResponse> client, TRequest request)
        where TRequest : class, IRosMessage<TRequest>
        where TResponse : class, IRosMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(client);
        Assert.True(await client.WaitForServiceAsync(Eventually.Timeout), $"service {client.Endpoint.Service} never appeared");
        var call = client.CallAsync(request);
        SpinUntil(() => call.IsCompleted, $"{client.Endpoint.Service} answers");
        return await call;
    }

    /// <summary>Spins until the task completes (its answer needs this executor's nodes) and returns its result.</summary>
    public async Task<T> SpinUntilDone<T>(Task<T> task, string because)
    {
        ArgumentNullException.ThrowIfNull(task);
        SpinUntil(() => task.IsCompleted, because);
        return await task;
    }

    /// <summary>Fails when an error was logged or a callback threw and the test did not expect it.</summary>
    public void AssertClean()
    {
        if (_errorsExpected)
        {
            return;
        }

        Assert.True(Log.Errors.Count == 0, "unexpected error log records: " + string.Join(" | ", Log.Errors.Select(r => $"[{r.Logger}] {r.Message}")));
        Assert.True(_callbackFailures.IsEmpty, "unexpected callback failures: " + string.Join(" | ", _callbackFailures));
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Executor.Dispose();
        Context.Dispose();
    }
}
