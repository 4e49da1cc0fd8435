using Robotics.Messages;
using Robotics.Middleware.Qos;

namespace Robotics.Middleware.Transport;

/// <summary>A publisher or subscription as the transport and the graph see it (fully expanded topic name).</summary>
public sealed record TopicEndpoint(string Topic, MessageTypeInfo Type, QosProfile Qos, string NodeName, string NodeNamespace);
