using Robotics.Middleware;

namespace Robotics.Nodes.Demo;

/// <summary>demo_nodes_cpp's listener: logs what arrives on <c>chatter</c>.</summary>
public sealed class Listener : Node
{
    private long _heard;

    public Listener(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        CreateSubscription<Messages.StdMsgs.String>("chatter", message =>
        {
            Interlocked.Increment(ref _heard);
            Logger.Info($"I heard: [{message.Data}]");
        });
    }

    public long Heard => Interlocked.Read(ref _heard);
}
