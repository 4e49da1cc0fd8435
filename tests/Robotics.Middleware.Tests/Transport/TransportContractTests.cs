using System.Collections.Concurrent;
using Robotics.Messages.ExampleInterfaces;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Graph;
using Robotics.Middleware.Names;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Middleware.Topics;
using Robotics.Middleware.Transport;
using Int32Message = Robotics.Messages.StdMsgs.Int32;
using StringMessage = Robotics.Messages.StdMsgs.String;

namespace Robotics.Middleware.Tests.Transport;

/// <summary>
/// What every <see cref="ITransport"/> must do, written against the public Node/RosContext API only and derived once
/// per transport (CONVENTIONS.md 11). Delivery may be asynchronous: tests wait for conditions with a timeout, wait
/// for publishers to match before publishing, and prove "nothing arrived" by sending a later marker that did.
/// Names are unique per test so that a transport shared by a whole machine (a DDS domain) keeps tests apart.
/// </summary>
public abstract partial class TransportContractTests : IDisposable
{
    private static int _unique;
    private RosTestEnvironment? _env;

    protected RosTestEnvironment Env => _env ??= new RosTestEnvironment(CreateTransport(TimeProvider.System));

    protected abstract ITransport CreateTransport(TimeProvider time);

    [Fact]
    public void Publish_SeveralMessageTypes_DeliversEachInPublishOrder()
    {
        var node = Env.CreateNode(UniqueName("pubsub"));
        var (stringTopic, intTopic, jointTopic) = (UniqueTopic("strings"), UniqueTopic("ints"), UniqueTopic("joints"));
        var strings = new List<string>();
        var ints = new List<int>();
        var joints = new List<(string Name, double Position)>();
        node.CreateSubscription<StringMessage>(stringTopic, m => strings.Add(m.Data));
        node.CreateSubscription<Int32Message>(intTopic, m => ints.Add(m.Data));
        node.CreateSubscription<JointState>(jointTopic, m => joints.Add((m.Name[0], m.Position[0])));
        var stringPublisher = node.CreatePublisher<StringMessage>(stringTopic);
        var intPublisher = node.CreatePublisher<Int32Message>(intTopic);
        var jointPublisher = node.CreatePublisher<JointState>(jointTopic);
        WaitForSubscriptions(stringPublisher, 1);
        WaitForSubscriptions(intPublisher, 1);
        WaitForSubscriptions(jointPublisher, 1);

        for (var i = 0; i < 5; i++)
        {
            stringPublisher.Publish(new StringMessage { Data = $"hello {i}" });
            intPublisher.Publish(new Int32Message { Data = i * 10 });
            jointPublisher.Publish(new JointState { Name = [$"joint{i}"], Position = [i * 0.5] });
        }

        Env.SpinUntil(() => strings.Count == 5 && ints.Count == 5 && joints.Count == 5, "every sample of every type arrived");
        Assert.Equal(["hello 0", "hello 1", "hello 2", "hello 3", "hello 4"], strings);
        Assert.Equal([0, 10, 20, 30, 40], ints);
        Assert.Equal([("joint0", 0.0), ("joint1", 0.5), ("joint2", 1.0), ("joint3", 1.5), ("joint4", 2.0)], joints);
    }

    [Fact]
    public void Publish_TwoSubscriptionsOnOneTopic_BothReceiveEverySample()
    {
        var topic = UniqueTopic("shared");
        var first = new List<int>();
        var second = new List<int>();
        Env.CreateNode(UniqueName("listener_a")).CreateSubscription<Int32Message>(topic, m => first.Add(m.Data));
        Env.CreateNode(UniqueName("listener_b")).CreateSubscription<Int32Message>(topic, m => second.Add(m.Data));
        var publisher = Env.CreateNode(UniqueName("talker")).CreatePublisher<Int32Message>(topic);
        WaitForSubscriptions(publisher, 2);

        for (var i = 1; i <= 3; i++)
        {
            publisher.Publish(new Int32Message { Data = i });
        }

        Env.SpinUntil(() => first.Count == 3 && second.Count == 3, "both subscriptions got all three samples");
        Assert.Equal([1, 2, 3], first);
        Assert.Equal([1, 2, 3], second);
    }

    [Fact]
    public void Publish_MessageInfo_CarriesOnePublisherIdAndIncreasingSequenceNumbers()
    {
        var topic = UniqueTopic("info");
        var infos = new List<MessageInfo>();
        var node = Env.CreateNode(UniqueName("info"));
        node.CreateSubscription<Int32Message>(topic, (_, info) => infos.Add(info));
        var publisher = node.CreatePublisher<Int32Message>(topic);
        WaitForSubscriptions(publisher, 1);

        for (var i = 0; i < 3; i++)
        {
            publisher.Publish(new Int32Message { Data = i });
        }

        Env.SpinUntil(() => infos.Count == 3, "three samples arrived");
        Assert.Single(infos.Select(i => i.PublisherId).Distinct());
        Assert.NotEqual(Guid.Empty, infos[0].PublisherId);
        Assert.True(infos[0].Sequence < infos[1].Sequence && infos[1].Sequence < infos[2].Sequence, "sequence numbers must increase");
        Assert.All(infos, i => Assert.True(i.SourceTimestampNs > 0, "a sample carries its send time"));
    }

    [Fact]
    public void KeepLast_TenPublishedIntoDepthThreeWithoutSpinning_KeepsTheLastThreeAndCountsSevenDropped()
    {
        var topic = UniqueTopic("keep_last");
        var node = Env.CreateNode(UniqueName("keep_last"));
        var received = new List<int>();
        var subscription = node.CreateSubscription<Int32Message>(topic, m => received.Add(m.Data), new QosProfile(3));
        var publisher = node.CreatePublisher<Int32Message>(topic, new QosProfile(10));
        WaitForSubscriptions(publisher, 1);

        for (var i = 1; i <= 10; i++)
        {
            publisher.Publish(new Int32Message { Data = i });
        }

        Eventually.True(() => subscription.ReceivedCount == 10, "the subscription's queue saw all ten samples");
        Env.SpinUntil(() => received.Count >= 3, "the kept samples were delivered");
        Env.Executor.SpinOnce(TimeSpan.Zero);

        Assert.Equal([8, 9, 10], received);
        Assert.Equal(7, subscription.DroppedCount);
    }

    [Fact]
    public void TransientLocal_LateSubscriber_GetsTheLastDepthSamplesThenLiveOnes()
    {
        var topic = UniqueTopic("latched");
        var latched = new QosProfile(3) { Durability = Durability.TransientLocal };
        var publisher = Env.CreateNode(UniqueName("latcher")).CreatePublisher<Int32Message>(topic, latched);
        for (var i = 1; i <= 5; i++)
        {
            publisher.Publish(new Int32Message { Data = i });
        }

        var received = new List<int>();
        Env.CreateNode(UniqueName("late")).CreateSubscription<Int32Message>(topic, m => received.Add(m.Data), latched with { Depth = 10 });
        Env.SpinUntil(() => received.Count >= 3, "the late subscriber got the latched history");
        WaitForSubscriptions(publisher, 1);
        publisher.Publish(new Int32Message { Data = 6 });
        Env.SpinUntil(() => received.Count >= 4, "the live sample arrived");

        Assert.Equal([3, 4, 5, 6], received);
    }

    [Fact]
    public void Volatile_LateSubscriber_GetsNoHistoryOnlyLiveSamples()
    {
        var topic = UniqueTopic("latched_volatile_reader");
        var publisher = Env.CreateNode(UniqueName("latcher")).CreatePublisher<Int32Message>(topic, new QosProfile(3) { Durability = Durability.TransientLocal });
        for (var i = 1; i <= 5; i++)
        {
            publisher.Publish(new Int32Message { Data = i });
        }

        var received = new List<int>();
        Env.CreateNode(UniqueName("late")).CreateSubscription<Int32Message>(topic, m => received.Add(m.Data), new QosProfile(10) { Durability = Durability.Volatile });
        WaitForSubscriptions(publisher, 1);
        publisher.Publish(new Int32Message { Data = 99 });
        Env.SpinUntil(() => received.Contains(99), "the live marker arrived");
        Env.Executor.SpinOnce(TimeSpan.Zero);

        Assert.Equal([99], received);
    }

    [Fact]
    public void Qos_ReliableSubscriptionAndBestEffortPublisher_DoNotConnectAndWarn()
    {
        AssertIncompatibleQos(
            offered: QosProfile.SensorData,
            requested: QosProfile.Default,
            compatibleControl: QosProfile.SensorData,
            reasonFragment: "reliab");
    }

    [Fact]
    public void Qos_TransientLocalSubscriptionAndVolatilePublisher_DoNotConnectAndWarn()
    {
        AssertIncompatibleQos(
            offered: QosProfile.Default,
            requested: QosProfile.Default with { Durability = Durability.TransientLocal },
            compatibleControl: QosProfile.Default,
            reasonFragment: "durab");
    }

    [Fact]
    public void TypeMismatch_OnOneTopic_DoesNotDeliverAndWarns()
    {
        var topic = UniqueTopic("mixed_types");
        var node = Env.CreateNode(UniqueName("mixed"));
        var publisher = node.CreatePublisher<StringMessage>(topic);
        var strings = new List<string>();
        var ints = new List<int>();
        node.CreateSubscription<StringMessage>(topic, m => strings.Add(m.Data));
        node.CreateSubscription<Int32Message>(topic, m => ints.Add(m.Data));
        WaitForSubscriptions(publisher, 1);

        publisher.Publish(new StringMessage { Data = "42" });
        Env.SpinUntil(() => strings.Count == 1, "the subscription of the right type got the sample");
        Env.Executor.SpinOnce(TimeSpan.Zero);

        Assert.Empty(ints);
        Assert.Equal(1, publisher.SubscriptionCount);
        Eventually.True(() => Env.Warnings.Any(w => w.Contains(topic, StringComparison.Ordinal) && w.Contains("Int32", StringComparison.Ordinal)), "the transport warned about two types on one topic");
    }

    [Fact]
    public async Task SlowSubscriberCallback_DoesNotBlockThePublisher()
    {
        var topic = UniqueTopic("slow");
        var node = Env.Context.CreateNode(UniqueName("slow"));
        using var gate = new ManualResetEventSlim(false);
        using var entered = new ManualResetEventSlim(false);
        long last = -1;
        node.CreateSubscription<Int32Message>(topic, m =>
        {
            entered.Set();
            gate.Wait(Eventually.Timeout * 3); // deliberately slow: holds the executor until the test opens the gate
            Interlocked.Exchange(ref last, m.Data);
        });
        var publisher = node.CreatePublisher<Int32Message>(topic);
        WaitForSubscriptions(publisher, 1);
        using var executor = new SingleThreadedExecutor();
        executor.Add(node);
        using var stop = new CancellationTokenSource();
        var spinning = Task.Run(() => executor.Spin(stop.Token));
        try
        {
            publisher.Publish(new Int32Message { Data = 0 });
            Assert.True(entered.Wait(Eventually.Timeout), "the callback never started");
            var publishing = Task.Run(() =>
            {
                for (var i = 1; i <= 1000; i++)
                {
                    publisher.Publish(new Int32Message { Data = i });
                }
            });

            // The gate opens only after this line, so finishing here proves no Publish waited for the callback.
            await publishing.WaitAsync(Eventually.Timeout);
            Assert.False(gate.IsSet);
        }
        finally
        {
            gate.Set();
        }

        Eventually.True(() => Interlocked.Read(ref last) == 1000, "the newest sample reached the callback once it was free");
        await stop.CancelAsync();
        await spinning.WaitAsync(Eventually.Timeout);
    }

    [Fact]
    public async Task Service_Call_ReturnsTheServersResponse()
    {
        var service = UniqueTopic("add");
        Env.CreateNode(UniqueName("adder")).CreateService<AddTwoIntsRequest, AddTwoIntsResponse>(service, r => new AddTwoIntsResponse { Sum = r.A + r.B });
        var client = Env.CreateNode(UniqueName("caller")).CreateClient<AddTwoIntsRequest, AddTwoIntsResponse>(service);

        var response = await Env.CallAsync(client, new AddTwoIntsRequest { A = 2, B = 40 });

        Assert.Equal(42, response.Sum);
    }

    [Fact]
    public async Task Service_CallWithoutAServer_FailsNamingTheService()
    {
        var service = UniqueTopic("nobody_home");
        var client = Env.CreateNode(UniqueName("caller")).CreateClient<AddTwoIntsRequest, AddTwoIntsResponse>(service);

        Assert.False(client.IsServiceAvailable);
        Assert.False(await client.WaitForServiceAsync(TimeSpan.FromMilliseconds(50)));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.CallAsync(new AddTwoIntsRequest { A = 1, B = 1 }));
        Assert.Contains(service, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_ManyConcurrentCallsFromTwoClients_EachGetsItsOwnResponse()
    {
        var service = UniqueTopic("add_many");
        Env.CreateNode(UniqueName("adder")).CreateService<AddTwoIntsRequest, AddTwoIntsResponse>(service, r => new AddTwoIntsResponse { Sum = r.A + r.B });
        var clients = new[]
        {
            Env.CreateNode(UniqueName("caller_a")).CreateClient<AddTwoIntsRequest, AddTwoIntsResponse>(service),
            Env.CreateNode(UniqueName("caller_b")).CreateClient<AddTwoIntsRequest, AddTwoIntsResponse>(service),
        };
        foreach (var client in clients)
        {
            Assert.True(await client.WaitForServiceAsync(Eventually.Timeout));
        }

        var calls = Enumerable.Range(0, 20)
            .Select(i => (Expected: (i * 1000L) + i, Call: clients[i % 2].CallAsync(new AddTwoIntsRequest { A = i * 1000L, B = i })))
            .ToList();
        Env.SpinUntil(() => calls.All(c => c.Call.IsCompleted), "every call was answered");

        foreach (var (expected, call) in calls)
        {
            Assert.Equal(expected, (await call).Sum);
        }
    }

    [Fact]
    public async Task Service_ClientDisposedWhileACallIsPending_CancelsTheCall()
    {
        var service = UniqueTopic("never_answered");
        Env.Context.CreateNode(UniqueName("silent")).CreateService<AddTwoIntsRequest, AddTwoIntsResponse>(service, r => new AddTwoIntsResponse());
        var client = Env.CreateNode(UniqueName("caller")).CreateClient<AddTwoIntsRequest, AddTwoIntsResponse>(service);
        Assert.True(await client.WaitForServiceAsync(Eventually.Timeout));
        var call = client.CallAsync(new AddTwoIntsRequest());

        client.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Eventually.Timeout));
    }

    [Fact]
    public void Graph_ListsNodesWithTheirNamesAndNamespaces()
    {
        var (armName, rootName) = (UniqueName("arm"), UniqueName("root"));
        Env.CreateNode(armName, new NodeOptions { Namespace = "/robot" });
        Env.CreateNode(rootName);
        var graph = Env.Context.Transport.Graph;

        Eventually.True(() => graph.Nodes.Contains(new GraphNode(armName, "/robot")) && graph.Nodes.Contains(new GraphNode(rootName, "/")), "both nodes are in the graph");
        Assert.Contains(graph.Nodes, n => n.FullyQualifiedName == "/robot/" + armName);
    }

    [Fact]
    public void Graph_ListsEndpointsAndServicesWithTypeAndKind()
    {
        var (nodeName, topic, service) = (UniqueName("endpoints"), UniqueTopic("graph_topic"), UniqueTopic("graph_service"));
        var node = Env.CreateNode(nodeName, new NodeOptions { Namespace = "/robot" });
        node.CreatePublisher<StringMessage>(topic);
        node.CreateSubscription<Int32Message>(topic + "_in", _ => { });
        node.CreateService<AddTwoIntsRequest, AddTwoIntsResponse>(service, r => new AddTwoIntsResponse());
        var graph = Env.Context.Transport.Graph;

        Eventually.True(() => graph.Endpoints.Count(e => e.NodeName == nodeName && e.Topic.StartsWith(topic, StringComparison.Ordinal)) == 2, "both endpoints are in the graph");
        var publisher = Assert.Single(graph.Endpoints, e => e.Topic == topic);
        Assert.Equal(("std_msgs/msg/String", EndpointKind.Publisher, nodeName, "/robot"), (publisher.TypeName, publisher.Kind, publisher.NodeName, publisher.NodeNamespace));
        var subscription = Assert.Single(graph.Endpoints, e => e.Topic == topic + "_in");
        Assert.Equal(("std_msgs/msg/Int32", EndpointKind.Subscription), (subscription.TypeName, subscription.Kind));
        Eventually.True(() => graph.Services.Any(s => s.Service == service), "the service is in the graph");
        var server = Assert.Single(graph.Services, s => s.Service == service);
        Assert.Equal(("example_interfaces/srv/AddTwoInts", true, nodeName), (server.TypeName, server.IsServer, server.NodeName));
    }

    [Fact]
    public void Graph_NodeDisposed_RemovesTheNodeItsEndpointsAndServices()
    {
        var (nodeName, topic, service) = (UniqueName("leaving"), UniqueTopic("leaving_topic"), UniqueTopic("leaving_service"));
        var node = Env.CreateNode(nodeName);
        node.CreatePublisher<StringMessage>(topic);
        node.CreateSubscription<StringMessage>(topic, _ => { });
        node.CreateService<AddTwoIntsRequest, AddTwoIntsResponse>(service, r => new AddTwoIntsResponse());
        var graph = Env.Context.Transport.Graph;
        Eventually.True(() => graph.Nodes.Any(n => n.Name == nodeName) && graph.Endpoints.Count(e => e.Topic == topic) == 2, "the node is discovered");

        node.Dispose();

        Eventually.True(
            () => !graph.Nodes.Any(n => n.Name == nodeName) && !graph.Endpoints.Any(e => e.NodeName == nodeName) && !graph.Services.Any(s => s.NodeName == nodeName),
            "the node, its endpoints and services (including its parameter services) left the graph");
    }

    [Fact]
    public void Subscription_Disposed_NoLongerCountsAsMatched()
    {
        var topic = UniqueTopic("unsubscribe");
        var node = Env.CreateNode(UniqueName("unsubscribe"));
        var publisher = node.CreatePublisher<Int32Message>(topic);
        var subscription = node.CreateSubscription<Int32Message>(topic, _ => { });
        WaitForSubscriptions(publisher, 1);

        subscription.Dispose();

        Eventually.True(() => publisher.SubscriptionCount == 0, "the publisher saw the subscription go");
        Assert.DoesNotContain(Env.Context.Transport.Graph.Endpoints, e => e.Topic == topic && e.Kind == EndpointKind.Subscription);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Publish_AfterThePublisherOrItsNodeIsDisposed_ThrowsObjectDisposedException(bool disposeNode)
    {
        var node = Env.CreateNode(UniqueName("disposed"));
        var publisher = node.CreatePublisher<StringMessage>(UniqueTopic("gone"));

        (disposeNode ? (IDisposable)node : publisher).Dispose();

        Assert.Throws<ObjectDisposedException>(() => publisher.Publish(new StringMessage { Data = "lost?" }));
    }

    [Fact]
    public void Remapping_PublisherOfChatterRemappedToTalk_ReachesASubscriberOfTalk()
    {
        var talk = UniqueTopic("talk");
        var talker = Env.CreateNode(UniqueName("talker"), new NodeOptions { Remappings = [new RemapRule("chatter", talk)] });
        var publisher = talker.CreatePublisher<StringMessage>("chatter");
        var received = new List<string>();
        Env.CreateNode(UniqueName("listener")).CreateSubscription<StringMessage>(talk, m => received.Add(m.Data));
        WaitForSubscriptions(publisher, 1);

        publisher.Publish(new StringMessage { Data = "remapped" });

        Assert.Equal(talk, publisher.Topic);
        Env.SpinUntil(() => received.Count == 1, "the remapped sample arrived");
        Assert.Equal("remapped", received[0]);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _env is not null)
        {
            _env.Dispose();
            _env.AssertClean();
        }
    }

    protected static string UniqueTopic(string name) => $"/{UniqueName(name)}";

    protected static string UniqueName(string name) => $"{name}_{Environment.ProcessId}_{Interlocked.Increment(ref _unique)}";

    protected static void WaitForSubscriptions<T>(Publisher<T> publisher, int count)
        where T : class, Robotics.Messages.IRosMessage<T>
    {
        ArgumentNullException.ThrowIfNull(publisher);
        Eventually.True(() => publisher.SubscriptionCount >= count, $"{count} subscription(s) matched {publisher.Topic}");
    }

    private void AssertIncompatibleQos(QosProfile offered, QosProfile requested, QosProfile compatibleControl, string reasonFragment)
    {
        var topic = UniqueTopic("qos");
        var publisher = Env.CreateNode(UniqueName("offering")).CreatePublisher<Int32Message>(topic, offered);
        var incompatible = new ConcurrentQueue<int>();
        var control = new ConcurrentQueue<int>();
        Env.CreateNode(UniqueName("requesting")).CreateSubscription<Int32Message>(topic, m => incompatible.Enqueue(m.Data), requested);
        Env.CreateNode(UniqueName("control")).CreateSubscription<Int32Message>(topic, m => control.Enqueue(m.Data), compatibleControl);
        WaitForSubscriptions(publisher, 1);

        publisher.Publish(new Int32Message { Data = 7 });
        Env.SpinUntil(() => !control.IsEmpty, "the compatible control subscription got the sample");
        Env.Executor.SpinOnce(TimeSpan.Zero);

        Assert.Empty(incompatible);
        Assert.Equal(1, publisher.SubscriptionCount);
        Eventually.True(() => Env.Warnings.Any(w => w.Contains(topic, StringComparison.Ordinal) && w.Contains(reasonFragment, StringComparison.OrdinalIgnoreCase)), $"the transport warned about {reasonFragment}");
    }
}
