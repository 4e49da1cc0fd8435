using Robotics.Messages;
using Robotics.Middleware.Graph;

namespace Robotics.Middleware.Transport;

/// <summary>
/// What a node runtime needs from a transport: topics, services and the graph. The in-process bus and the DDS
/// transport implement it and pass the same contract suite; nodes never know which one they run on.
/// </summary>
public interface ITransport : IDisposable
{
    /// <summary>Short name for logs: <c>inprocess</c>, <c>dds</c>.</summary>
    string Name { get; }

    IGraph Graph { get; }

    /// <summary>Mismatches worth a warning (incompatible QoS, two types on one topic), reported once per pair.</summary>
    event Action<string>? Warning;

    ITopicWriter<T> CreateWriter<T>(TopicEndpoint endpoint)
        where T : class, IRosMessage<T>;

    IDisposable CreateReader<T>(TopicEndpoint endpoint, IMessageSink<T> sink)
        where T : class, IRosMessage<T>;

    IServiceServerChannel CreateServiceServer(ServiceEndpoint endpoint, IRequestSink sink);

    IServiceClientChannel CreateServiceClient(ServiceEndpoint endpoint, IResponseSink sink);

    /// <summary>Announces a node in the graph until the returned handle is disposed.</summary>
    IDisposable RegisterNode(string name, string nodeNamespace);
}
