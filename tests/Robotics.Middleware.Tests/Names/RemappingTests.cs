using Robotics.Middleware.Names;
using Robotics.Middleware.Tests.TestSupport;
using StringMessage = Robotics.Messages.StdMsgs.String;

namespace Robotics.Middleware.Tests.Names;

/// <summary>Remap rules (ROS 2 design "Remapping Names") applied by nodes, including node-targeted rules and renaming.</summary>
public sealed class RemappingTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();

    [Theory]
    [InlineData("chatter:=talk", null, "chatter", "talk")]
    [InlineData("/ns/chatter:=/talk", null, "/ns/chatter", "/talk")]
    [InlineData("talker:chatter:=talk", "talker", "chatter", "talk")]
    [InlineData("talker:__node:=speaker", "talker", "__node", "speaker")]
    public void Parse_RuleText_SplitsNodeFromAndTo(string text, string? node, string from, string to)
    {
        Assert.Equal(new RemapRule(from, to, node), RemapRule.Parse(text));
    }

    [Theory]
    [InlineData("chatter=talk")]
    [InlineData(":=talk")]
    [InlineData("chatter:=")]
    public void Parse_MalformedRule_ThrowsFormatExceptionNamingIt(string text)
    {
        var error = Assert.Throws<FormatException>(() => RemapRule.Parse(text));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveName_RelativeRule_AppliesInsideTheNodesNamespace()
    {
        var node = _env.CreateNode("talker", new NodeOptions { Namespace = "/ns", Remappings = [RemapRule.Parse("chatter:=talk")] });

        Assert.Equal("/ns/talk", node.ResolveName("chatter"));
        Assert.Equal("/ns/talk", node.ResolveName("/ns/chatter"));
        Assert.Equal("/other", node.ResolveName("/other"));
    }

    [Fact]
    public void ResolveName_PrivateName_CanBeRemapped()
    {
        var node = _env.CreateNode("camera", new NodeOptions { Remappings = [RemapRule.Parse("~/image:=/front/image")] });

        Assert.Equal("/front/image", node.ResolveName("~/image"));
        Assert.Equal("/camera/info", node.ResolveName("~/info"));
    }

    [Fact]
    public void ResolveName_NodeTargetedContextRule_AppliesOnlyToThatNode()
    {
        using var env = new RosTestEnvironment(remappings: [RemapRule.Parse("talker:chatter:=/talk")]);

        var talker = env.CreateNode("talker");
        var listener = env.CreateNode("listener");

        Assert.Equal("/talk", talker.ResolveName("chatter"));
        Assert.Equal("/chatter", listener.ResolveName("chatter"));
        env.AssertClean();
    }

    [Fact]
    public void NodeRule_RenamesTheNodeAndItsGraphEntry()
    {
        var node = _env.CreateNode("talker", new NodeOptions { Remappings = [RemapRule.Parse("__node:=speaker")] });

        Assert.Equal("speaker", node.Name);
        Assert.Equal("/speaker/out", node.ResolveName("~/out"));
        Assert.Contains(_env.Context.Transport.Graph.Nodes, n => n.Name == "speaker");
        Assert.DoesNotContain(_env.Context.Transport.Graph.Nodes, n => n.Name == "talker");
    }

    [Fact]
    public void NamespaceRule_MovesTheNode()
    {
        var node = _env.CreateNode("arm", new NodeOptions { Namespace = "/left", Remappings = [RemapRule.Parse("__ns:=/right")] });

        Assert.Equal("/right", node.Namespace);
        Assert.Equal("/right/arm", node.FullyQualifiedName);
        Assert.Equal("/right/joint_states", node.ResolveName("joint_states"));
    }

    [Fact]
    public void NodeTargetedRenameInContext_RenamesOnlyTheNamedNode()
    {
        using var env = new RosTestEnvironment(remappings: [RemapRule.Parse("talker:__node:=speaker"), RemapRule.Parse("listener:__ns:=/quiet")]);

        var talker = env.CreateNode("talker");
        var listener = env.CreateNode("listener");
        var other = env.CreateNode("other");

        Assert.Equal("/speaker", talker.FullyQualifiedName);
        Assert.Equal("/quiet/listener", listener.FullyQualifiedName);
        Assert.Equal("/other", other.FullyQualifiedName);
        env.AssertClean();
    }

    /// <summary>rcl_node_init remaps the name first, then matches namespace rules against the new name.</summary>
    [Fact]
    public void NodeTargetedNamespaceRule_MatchesTheRenamedNode()
    {
        using var env = new RosTestEnvironment(remappings: [RemapRule.Parse("talker:__node:=speaker"), RemapRule.Parse("speaker:__ns:=/loud")]);

        Assert.Equal("/loud/speaker", env.CreateNode("talker").FullyQualifiedName);
        env.AssertClean();
    }

    [Fact]
    public void NodeRule_ToAnInvalidName_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => _env.Context.CreateNode("talker", new NodeOptions { Remappings = [RemapRule.Parse("__node:=9lives")] }));

        Assert.Contains("9lives", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateNode_InvalidNameOrNamespace_ThrowsArgumentExceptionWithTheReason()
    {
        var badName = Assert.Throws<ArgumentException>(() => _env.Context.CreateNode("my-node"));
        var badNamespace = Assert.Throws<ArgumentException>(() => _env.Context.CreateNode("ok", new NodeOptions { Namespace = "/robot/1st" }));

        Assert.Contains("'my-node'", badName.Message, StringComparison.Ordinal);
        Assert.Contains("must not start with a digit", badNamespace.Message, StringComparison.Ordinal);
        Assert.Empty(_env.Context.Transport.Graph.Nodes);
    }

    [Fact]
    public void CreatePublisher_InvalidTopicName_ThrowsArgumentExceptionNamingTopicAndRule()
    {
        var node = _env.CreateNode("talker");

        var error = Assert.Throws<ArgumentException>(() => node.CreatePublisher<StringMessage>("cmd vel"));

        Assert.Contains("'cmd vel'", error.Message, StringComparison.Ordinal);
        Assert.Contains("only letters, digits and '_'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_env.Context.Transport.Graph.Endpoints, e => e.Topic.Contains("cmd", StringComparison.Ordinal));
    }

    [Fact]
    public void CreateSubscription_InvalidTopicName_ThrowsArgumentException()
    {
        var node = _env.CreateNode("listener");

        var error = Assert.Throws<ArgumentException>(() => node.CreateSubscription<StringMessage>("~oops", _ => { }));

        Assert.Contains("~oops", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }
}
