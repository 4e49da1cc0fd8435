using System.Globalization;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Topics;

namespace Robotics.Nodes.Demo;

/// <summary>
/// demo_nodes_cpp's talker: "Hello World: N" on <c>chatter</c> at <c>rate_hz</c>, reliable keep-last <c>qos_depth</c>
/// (ROS's default 10). A reliable keep-last writer drops unacknowledged samples older than its depth, so on a lossy
/// link at a high rate a deeper history is what lets retransmission deliver every message.
/// </summary>
public sealed class Talker : Node
{
    private readonly Publisher<Messages.StdMsgs.String> _publisher;
    private readonly string _text;
    private long _count;

    public Talker(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        var rate = Parameters.Declare("rate_hz", 1.0, new ParameterDescriptor { FloatingPointRange = new FloatingPointRange(0.01, 10_000), Description = "messages per second" });
        _text = Parameters.Declare("text", "Hello World");
        var depth = Parameters.Declare("qos_depth", 10L, new ParameterDescriptor { IntegerRange = new IntegerRange(1, 100_000), ReadOnly = true, Description = "publisher history depth (keep-last)" });
        _publisher = CreatePublisher<Messages.StdMsgs.String>("chatter", QosProfile.Default with { Depth = (int)depth });
        CreateTimer(TimeSpan.FromSeconds(1 / rate), Tick);
    }

    public long Published => Interlocked.Read(ref _count);

    private void Tick()
    {
        var message = new Messages.StdMsgs.String { Data = string.Create(CultureInfo.InvariantCulture, $"{_text}: {Interlocked.Increment(ref _count)}") };
        Logger.Info($"Publishing: '{message.Data}'");
        _publisher.Publish(message);
    }
}
