using Robotics.Middleware.Qos;

namespace Robotics.Middleware.Graph;

/// <summary>One publisher or subscription in the graph (`ros2 topic info -v`).</summary>
public sealed record GraphEndpoint(string Topic, string TypeName, EndpointKind Kind, string NodeName, string NodeNamespace, QosProfile Qos);
