using Robotics.Messages;
using Robotics.Middleware.Qos;

namespace Robotics.Middleware.Transport;

/// <summary>A service server or client as the transport and the graph see it (fully expanded service name).</summary>
public sealed record ServiceEndpoint(string Service, ServiceTypeInfo Type, QosProfile Qos, string NodeName, string NodeNamespace);
