namespace Robotics.Middleware.Graph;

/// <summary>One service server or client in the graph.</summary>
public sealed record GraphService(string Service, string TypeName, bool IsServer, string NodeName, string NodeNamespace);
