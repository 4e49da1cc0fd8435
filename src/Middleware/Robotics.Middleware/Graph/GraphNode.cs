using Robotics.Middleware.Names;

namespace Robotics.Middleware.Graph;

public sealed record GraphNode(string Name, string Namespace)
{
    public string FullyQualifiedName => RosNames.Join(Namespace, Name);
}
