namespace Robotics.Middleware.Graph;

/// <summary>The ROS graph as one transport sees it: nodes, topic endpoints and services (what `ros2 node/topic list` shows).</summary>
public interface IGraph
{
    IReadOnlyList<GraphNode> Nodes { get; }

    IReadOnlyList<GraphEndpoint> Endpoints { get; }

    IReadOnlyList<GraphService> Services { get; }

    /// <summary>Increments on every change, so callers can wait for discovery without events.</summary>
    long Version { get; }
}
