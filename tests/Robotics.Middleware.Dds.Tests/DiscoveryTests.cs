using Robotics.Messages.ExampleInterfaces;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Dds.Tests.Support;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Graph;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using Int32Message = Robotics.Messages.StdMsgs.Int32;
using StringMessage = Robotics.Messages.StdMsgs.String;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// The graph as another ROS process sees us (and we see it): two transports on one domain in this process get two
/// participants (DomainLease shares the Cyclone domain, not the participant), so the observer learns the other's
/// endpoints only from DDS discovery and their node names only from its ros_discovery_info, exactly as across processes.
/// Both distro profiles run, because the Gid in ros_discovery_info is 16 bytes on Jazzy and 24 on Humble.
/// </summary>
public sealed class DiscoveryTests
{
    [Theory]
    [InlineData("jazzy")]
    [InlineData("humble")]
    public void Graph_NodeInAnotherParticipant_ListsItsEndpointsAndServicesUnderItsName(string distro)
    {
        var options = LoopbackDds.Options() with { Distro = DistroProfile.Parse(distro) };
        using var observer = new DdsTransport(options);
        using var other = new RosContext(new ContextOptions { Transport = new DdsTransport(options) });
        var (name, ns) = (TestNames.Node("remote"), "/" + TestNames.Node("fleet"));
        var (published, subscribed, service) = (TestNames.Topic("remote_pub"), TestNames.Topic("remote_sub"), TestNames.Topic("remote_srv"));
        var node = other.CreateNode(name, new NodeOptions { Namespace = ns });
        node.CreatePublisher<StringMessage>(published);
        node.CreateSubscription<Int32Message>(subscribed, _ => { }, QosProfile.SensorData);
        node.CreateService<AddTwoIntsRequest, AddTwoIntsResponse>(service, r => new AddTwoIntsResponse { Sum = r.A + r.B });
        var graph = observer.Graph;

        Eventually.True(
            () => graph.Nodes.Contains(new GraphNode(name, ns))
                && graph.Endpoints.Any(e => e.Topic == published && e.NodeName == name)
                && graph.Endpoints.Any(e => e.Topic == subscribed && e.NodeName == name)
                && graph.Services.Any(s => s.Service == service && s.NodeName == name),
            "the observer lists the other participant's node, its endpoints and its service under the node's name");

        var publisher = Assert.Single(graph.Endpoints, e => e.Topic == published);
        Assert.Equal(("std_msgs/msg/String", EndpointKind.Publisher, name, ns), (publisher.TypeName, publisher.Kind, publisher.NodeName, publisher.NodeNamespace));
        Assert.Equal((Reliability.Reliable, Durability.Volatile, 10), (publisher.Qos.Reliability, publisher.Qos.Durability, publisher.Qos.Depth));
        var subscription = Assert.Single(graph.Endpoints, e => e.Topic == subscribed);
        Assert.Equal(("std_msgs/msg/Int32", EndpointKind.Subscription, name, ns), (subscription.TypeName, subscription.Kind, subscription.NodeName, subscription.NodeNamespace));
        Assert.Equal(Reliability.BestEffort, subscription.Qos.Reliability); // read back from the discovered QoS, not assumed
        var server = Assert.Single(graph.Services, s => s.Service == service);
        Assert.Equal(("example_interfaces/srv/AddTwoInts", true, name, ns), (server.TypeName, server.IsServer, server.NodeName, server.NodeNamespace));

        node.Dispose();

        Eventually.True(
            () => !graph.Nodes.Any(n => n.Name == name)
                && !graph.Endpoints.Any(e => e.NodeName == name || e.Topic == published || e.Topic == subscribed)
                && !graph.Services.Any(s => s.NodeName == name || s.Service == service),
            "the disposed node, its endpoints and its service left the observer's graph");
    }

    [Fact]
    public void Graph_OtherTransportDisposed_RemovesEverythingOfItsParticipant()
    {
        using var observer = new DdsTransport(LoopbackDds.Options());
        using var other = new RosContext(new ContextOptions { Transport = new DdsTransport(LoopbackDds.Options()) });
        var (name, topic) = (TestNames.Node("leaving"), TestNames.Topic("leaving_topic"));
        other.CreateNode(name).CreatePublisher<StringMessage>(topic);
        var graph = observer.Graph;
        Eventually.True(() => graph.Endpoints.Any(e => e.Topic == topic && e.NodeName == name), "the observer sees the other process's publisher");

        other.Dispose(); // deletes the participant (disposing twice is harmless): DDS reports it gone, with its endpoints

        Eventually.True(() => !graph.Nodes.Any(n => n.Name == name) && !graph.Endpoints.Any(e => e.Topic == topic), "the other participant's node and publisher are gone");
    }

    [Fact]
    public void Graph_DdsWriterOutsideAnyNode_IsListedWithoutANodeName()
    {
        // Attribution comes only from ros_discovery_info: a plain DDS writer (no ROS node) must not borrow a name.
        using var observer = new DdsTransport(LoopbackDds.Options());
        using var other = new DdsTransport(LoopbackDds.Options());
        var topic = TestNames.Topic("anonymous");
        using var qos = DdsQos.For(QosProfile.Default);
        using var writer = new RawWriter(other.Publisher, other.Topic(RosTopicNames.Topic(topic), StringMessage.TypeInfo.DdsName), qos.Handle);
        var graph = observer.Graph;

        Eventually.True(() => graph.Endpoints.Any(e => e.Topic == topic), "the observer discovered the plain DDS writer");

        var endpoint = Assert.Single(graph.Endpoints, e => e.Topic == topic);
        Assert.Equal((EndpointKind.Publisher, string.Empty, string.Empty), (endpoint.Kind, endpoint.NodeName, endpoint.NodeNamespace));
    }
}
