using Robotics.Messages.ExampleInterfaces;
using Robotics.Middleware.Dds.Tests.Support;
using Robotics.Middleware.Tests.TestSupport;
using StringMessage = Robotics.Messages.StdMsgs.String;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// Invalid ROS names are refused before anything reaches DDS (Cyclone would happily create <c>rt/bad//name</c>, which no
/// ROS tool could ever address), with an error that names the offending name so the user can find it in their code
/// or launch file; and a refused name leaves nothing behind in the graph.
/// </summary>
public sealed class InvalidNamesTests : IDisposable
{
    private readonly RosTestEnvironment _env = new(new DdsTransport(LoopbackDds.Options()));

    [Theory]
    [InlineData("/bad//name")]
    [InlineData("1abc")]
    [InlineData("with space")]
    [InlineData("trailing/")]
    [InlineData("a/~b")]
    [InlineData("~bad")]
    [InlineData("dash-ed")]
    [InlineData("{unknown}/x")]
    [InlineData("")]
    public void CreatePublisher_InvalidTopicName_ThrowsNamingIt(string topic)
    {
        var node = _env.CreateNode(TestNames.Node("namer"));
        var before = EndpointsOf(node);

        var error = Assert.Throws<ArgumentException>(() => node.CreatePublisher<StringMessage>(topic));

        Assert.Contains(topic.Length == 0 ? "empty" : $"'{topic}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, EndpointsOf(node));
    }

    [Theory]
    [InlineData("/bad//name")]
    [InlineData("9lives")]
    [InlineData("with space")]
    public void CreateSubscriptionServiceOrClient_InvalidName_ThrowsNamingIt(string name)
    {
        var node = _env.CreateNode(TestNames.Node("namer"));

        Assert.Contains($"'{name}'", Assert.Throws<ArgumentException>(() => node.CreateSubscription<StringMessage>(name, _ => { })).Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", Assert.Throws<ArgumentException>(() => node.CreateService<AddTwoIntsRequest, AddTwoIntsResponse>(name, _ => new AddTwoIntsResponse())).Message, StringComparison.Ordinal);
        Assert.Contains($"'{name}'", Assert.Throws<ArgumentException>(() => node.CreateClient<AddTwoIntsRequest, AddTwoIntsResponse>(name)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/robot//arm", "robot//arm")]
    [InlineData("1robot", "1robot")]
    [InlineData("/with space", "with space")]
    [InlineData("/arm.left", "arm.left")]
    public void CreateNode_InvalidNamespace_ThrowsNamingItAndRegistersNothing(string ns, string named)
    {
        var name = TestNames.Node("unborn");

        var error = Assert.Throws<ArgumentException>(() => _env.Context.CreateNode(name, new NodeOptions { Namespace = ns }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_env.Context.Transport.Graph.Nodes, n => n.Name == name);
    }

    [Theory]
    [InlineData("1node")]
    [InlineData("my-node")]
    [InlineData("ns/node")]
    public void CreateNode_InvalidNodeName_ThrowsNamingIt(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => _env.Context.CreateNode(name));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_env.Context.Transport.Graph.Nodes, n => n.Name == name);
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }

    /// <summary>Only this node's: the graph also lists endpoints of tests running in parallel on the same domain.</summary>
    private int EndpointsOf(Node node) => _env.Context.Transport.Graph.Endpoints.Count(e => e.NodeName == node.Name);
}
