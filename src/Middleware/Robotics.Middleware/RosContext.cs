using Robotics.Messages.RosgraphMsgs;
using Robotics.Middleware.Logging;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Time;
using Robotics.Middleware.Transport;
using Robotics.Middleware.Transport.InProcess;

namespace Robotics.Middleware;

/// <summary>
/// One process's ROS runtime (rclcpp Context): the transport shared by its nodes, time, logging. Dispose it to
/// stop every node it created.
/// </summary>
public sealed class RosContext : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Node> _nodes = [];
    private ManualTimeProvider? _simTime;
    private IDisposable? _clockReader;

    public RosContext(ContextOptions? options = null)
    {
        Options = options ?? new ContextOptions();
        TimeProvider = Options.TimeProvider ?? TimeProvider.System;
        Transport = Options.Transport ?? new InProcessTransport(TimeProvider);
        LogSink = Options.LogSink ?? ConsoleLogSink.Instance;
    }

    public ContextOptions Options { get; }

    public ITransport Transport { get; }

    public TimeProvider TimeProvider { get; }

    public ILogSink LogSink { get; }

    public IReadOnlyList<Node> Nodes
    {
        get
        {
            lock (_lock)
            {
                return [.. _nodes];
            }
        }
    }

    public Node CreateNode(string name, NodeOptions? options = null) => new(this, name, options ?? NodeOptions.Default);

    /// <summary>
    /// ROS time from <c>/clock</c> (rosgraph_msgs/Clock), shared by every node with <c>use_sim_time</c>. Until the
    /// first message arrives it reads the Unix epoch, as rclcpp's ROS time does.
    /// </summary>
    internal TimeProvider SimTime
    {
        get
        {
            lock (_lock)
            {
                if (_simTime is null)
                {
                    _simTime = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
                    var endpoint = new TopicEndpoint("/clock", Clock.TypeInfo, QosProfile.Default with { Depth = 1, Reliability = Reliability.BestEffort }, "_clock", "/");
                    _clockReader = Transport.CreateReader(endpoint, new ClockSink(_simTime));
                }

                return _simTime;
            }
        }
    }

    internal void Register(Node node)
    {
        lock (_lock)
        {
            _nodes.Add(node);
        }
    }

    internal void Unregister(Node node)
    {
        lock (_lock)
        {
            _nodes.Remove(node);
        }
    }

    public void Dispose()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }

        _clockReader?.Dispose();
        Transport.Dispose();
    }

    private sealed class ClockSink(ManualTimeProvider time) : IMessageSink<Clock>
    {
        public void OnMessage(Clock message, in MessageInfo info) => time.SetUtcNow(RosTime.ToDateTime(message.ClockValue));
    }
}
