using Robotics.Messages;
using Robotics.Messages.Actions;
using Robotics.Middleware.Actions;
using Log = Robotics.Messages.RclInterfaces.Log;
using ParameterEvent = Robotics.Messages.RclInterfaces.ParameterEvent;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Logging;
using Robotics.Middleware.Names;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Services;
using Robotics.Middleware.Topics;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware;

/// <summary>
/// A ROS 2 node (rclcpp::Node): a named participant in the graph with publishers, subscriptions, timers,
/// services, parameters, a clock and a logger. The same code runs on any transport.
/// </summary>
public class Node : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Executable> _executables = [];
    private readonly List<IDisposable> _owned = [];
    private readonly IReadOnlyList<RemapRule> _remaps;
    private readonly IDisposable _graphRegistration;
    private Executor? _executor;
    private TimeProvider? _clock;
    private int _disposed;

    public Node(RosContext context, string name, NodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        options ??= NodeOptions.Default;
        Context = context;

        // __node:= and __ns:= rename the node before anything else (ROS 2 remapping design).
        var remaps = options.Remappings.Concat(context.Options.Remappings).ToList();
        name = remaps.FirstOrDefault(r => r.From == "__node" && (r.NodeName is null || r.NodeName == name))?.To ?? name;
        var ns = remaps.FirstOrDefault(r => r.From == "__ns" && (r.NodeName is null || r.NodeName == name))?.To ?? options.Namespace;
        if (RosNames.NodeNameError(name) is { } nameError)
        {
            throw new ArgumentException(nameError, nameof(name));
        }

        Name = name;
        Namespace = RosNames.NormalizeNamespace(ns);
        _remaps = remaps.Where(r => !r.From.StartsWith("__", StringComparison.Ordinal) && (r.NodeName is null || r.NodeName == name)).ToList();

        DefaultCallbackGroup = new CallbackGroup();
        try
        {
            var overrides = options.ParameterOverrides.ToDictionary(p => p.Key, p => ParameterValue.From(p.Value), StringComparer.Ordinal);
            Logger = new NodeLogger(FullyQualifiedName.TrimStart('/').Replace('/', '.'), options.LogLevel ?? context.Options.LogLevel, context.LogSink, context.TimeProvider);
            var events = options.PublishParameterEvents ? CreatePublisher<ParameterEvent>("/parameter_events", QosProfile.ParameterEvents) : null;
            Parameters = new ParameterStore(overrides, e =>
            {
                e.Stamp = Time.RosTime.ToMessage((_clock ?? context.TimeProvider).GetUtcNow());
                e.Node = FullyQualifiedName;
                events?.Publish(e);
            });

            // Every rclcpp node has use_sim_time; it picks the clock for this node's timers and stamps.
            _clock = Parameters.Declare("use_sim_time", false, new ParameterDescriptor { ReadOnly = true, Description = "Use /clock (set at start-up with -p use_sim_time:=true)" })
                ? context.SimTime
                : context.TimeProvider;

            if (options.EnableRosout)
            {
                var rosout = CreatePublisher<Log>("/rosout", QosProfile.Rosout);
                Logger.AttachRosout(rosout.Publish);
            }

            if (options.StartParameterServices)
            {
                ParameterServices.Start(this);
            }

        }
        catch
        {
            // A node that fails to start (e.g. an invalid parameter override) leaves nothing behind in the graph.
            foreach (var item in _owned)
            {
                item.Dispose();
            }

            throw;
        }

        _graphRegistration = context.Transport.RegisterNode(Name, Namespace);
        context.Register(this);
    }

    public RosContext Context { get; }

    public string Name { get; }

    public string Namespace { get; }

    public string FullyQualifiedName => RosNames.Join(Namespace, Name);

    public NodeLogger Logger { get; }

    public ParameterStore Parameters { get; }

    /// <summary>This node's time: system time, fake time in tests, or /clock under use_sim_time.</summary>
    public TimeProvider Clock => _clock!;

    public CallbackGroup DefaultCallbackGroup { get; }

    public Messages.BuiltinInterfaces.Time Now() => Time.RosTime.ToMessage(Clock.GetUtcNow());

    internal IReadOnlyList<Executable> Executables
    {
        get
        {
            lock (_lock)
            {
                return [.. _executables];
            }
        }
    }

    /// <summary>Expands a topic or service name for this node and applies remappings; throws when invalid.</summary>
    public string ResolveName(string name)
    {
        var expanded = RosNames.Expand(name, Name, Namespace);
        foreach (var rule in _remaps)
        {
            if (RosNames.Expand(rule.From, Name, Namespace) == expanded)
            {
                return RosNames.Expand(rule.To, Name, Namespace);
            }
        }

        return expanded;
    }

    public Publisher<T> CreatePublisher<T>(string topic, QosProfile? qos = null)
        where T : class, IRosMessage<T>
    {
        var endpoint = new TopicEndpoint(ResolveName(topic), T.TypeInfo, qos ?? QosProfile.Default, Name, Namespace);
        var publisher = new Publisher<T>(endpoint, Context.Transport.CreateWriter<T>(endpoint));
        Own(publisher);
        return publisher;
    }

    public Subscription<T> CreateSubscription<T>(string topic, Action<T> callback, QosProfile? qos = null, CallbackGroup? group = null)
        where T : class, IRosMessage<T>
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CreateSubscription<T>(topic, (message, _) => callback(message), qos, group);
    }

    public Subscription<T> CreateSubscription<T>(string topic, Action<T, MessageInfo> callback, QosProfile? qos = null, CallbackGroup? group = null)
        where T : class, IRosMessage<T>
    {
        var endpoint = new TopicEndpoint(ResolveName(topic), T.TypeInfo, qos ?? QosProfile.Default, Name, Namespace);
        var subscription = new Subscription<T>(endpoint, callback, group ?? DefaultCallbackGroup, Clock);
        subscription.Attach(Context.Transport.CreateReader<T>(endpoint, subscription));
        AddExecutable(subscription);
        return subscription;
    }

    public RosTimer CreateTimer(TimeSpan period, Action callback, CallbackGroup? group = null)
    {
        var timer = new RosTimer(period, callback, group ?? DefaultCallbackGroup, Clock, FullyQualifiedName);
        AddExecutable(timer);
        return timer;
    }

    public ServiceServer<TRequest, TResponse> CreateService<TRequest, TResponse>(string service, Func<TRequest, TResponse> handler, CallbackGroup? group = null)
        where TRequest : class, IRosMessage<TRequest>
        where TResponse : class, IRosMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(handler);
        return CreateDeferredService<TRequest, TResponse>(service, (_, request) => handler(request), group);
    }

    /// <summary>A service whose handler may return null and answer later with <c>ServiceServer.Reply</c>.</summary>
    internal ServiceServer<TRequest, TResponse> CreateDeferredService<TRequest, TResponse>(string service, Func<RequestId, TRequest, TResponse?> handler, CallbackGroup? group = null)
        where TRequest : class, IRosMessage<TRequest>
        where TResponse : class, IRosMessage<TResponse>
    {
        var endpoint = ServiceEndpointFor<TRequest>(service);
        var server = new ServiceServer<TRequest, TResponse>(endpoint, handler, group ?? DefaultCallbackGroup);
        server.Attach(Context.Transport.CreateServiceServer(endpoint, server));
        AddExecutable(server);
        return server;
    }

    /// <summary>
    /// A reader whose samples go straight to <paramref name="sink"/> on the transport's thread (no executor), owned by
    /// this node: what an action client uses for feedback, as service clients receive responses.
    /// </summary>
    internal void CreateDirectReader<T>(string topic, IMessageSink<T> sink, QosProfile qos)
        where T : class, IRosMessage<T>
    {
        var endpoint = new TopicEndpoint(ResolveName(topic), T.TypeInfo, qos, Name, Namespace);
        Own(Context.Transport.CreateReader(endpoint, sink));
    }

    public ServiceClient<TRequest, TResponse> CreateClient<TRequest, TResponse>(string service)
        where TRequest : class, IRosMessage<TRequest>
        where TResponse : class, IRosMessage<TResponse>
    {
        var endpoint = ServiceEndpointFor<TRequest>(service);
        var client = new ServiceClient<TRequest, TResponse>(endpoint);
        client.Attach(Context.Transport.CreateServiceClient(endpoint, client));
        Own(client);
        return client;
    }

    /// <summary>
    /// Serves an action: <paramref name="execute"/> runs each accepted goal on the thread pool and returns its result
    /// (see <see cref="ActionServer{TGoal, TResult, TFeedback}"/> for how the final status is chosen).
    /// </summary>
    public ActionServer<TGoal, TResult, TFeedback> CreateActionServer<TGoal, TResult, TFeedback>(
        string action,
        Func<ServerGoal<TGoal, TFeedback>, CancellationToken, Task<TResult>> execute,
        ActionServerOptions<TGoal, TFeedback>? options = null)
        where TGoal : class, IRosMessage<TGoal>, IActionGoal<TGoal, TResult, TFeedback>
        where TResult : class, IRosMessage<TResult>, new()
        where TFeedback : class, IRosMessage<TFeedback>
    {
        var server = new ActionServer<TGoal, TResult, TFeedback>(this, action, execute, options);
        Own(server);
        return server;
    }

    public ActionClient<TGoal, TResult, TFeedback> CreateActionClient<TGoal, TResult, TFeedback>(string action)
        where TGoal : class, IRosMessage<TGoal>, IActionGoal<TGoal, TResult, TFeedback>
        where TResult : class, IRosMessage<TResult>, new()
        where TFeedback : class, IRosMessage<TFeedback> => new(this, action);

    internal void AttachExecutor(Executor? executor)
    {
        lock (_lock)
        {
            if (executor is not null && _executor is not null && _executor != executor)
            {
                throw new InvalidOperationException($"node {FullyQualifiedName} is already added to another executor");
            }

            _executor = executor;
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _executor?.Remove(this);
        Logger.AttachRosout(null);
        List<IDisposable> owned;
        lock (_lock)
        {
            owned = [.. _owned];
            _owned.Clear();
            _executables.Clear();
        }

        foreach (var item in owned)
        {
            item.Dispose();
        }

        _graphRegistration.Dispose();
        Context.Unregister(this);
    }

    private ServiceEndpoint ServiceEndpointFor<TRequest>(string service)
        where TRequest : class, IRosMessage<TRequest>
    {
        var type = MessageRegistry.ServiceOfRequest(TRequest.TypeInfo)
            ?? throw new ArgumentException($"{TRequest.TypeInfo.Name} is not the request type of a service");
        return new ServiceEndpoint(ResolveName(service), type, QosProfile.Services, Name, Namespace);
    }

    private void Own(IDisposable item)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        lock (_lock)
        {
            _owned.Add(item);
        }
    }

    private void AddExecutable<T>(T executable)
        where T : Executable, IDisposable
    {
        Own(executable);
        Executor? executor;
        lock (_lock)
        {
            _executables.Add(executable);
            executor = _executor;
        }

        executor?.Refresh();
    }
}
