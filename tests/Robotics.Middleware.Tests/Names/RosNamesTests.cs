using Robotics.Middleware.Names;

namespace Robotics.Middleware.Tests.Names;

/// <summary>Name validation and expansion against the rules and examples of rcl/rmw (test_expand_topic_name.cpp).</summary>
public sealed class RosNamesTests
{
    [Theory]
    [InlineData("talker")]
    [InlineData("_hidden_node")]
    [InlineData("node2")]
    [InlineData("N")]
    public void NodeNameError_ValidName_IsNull(string name) => Assert.Null(RosNames.NodeNameError(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("2node", "digit")]
    [InlineData("my-node", "letters")]
    [InlineData("ns/node", "letters")]
    [InlineData("~", "letters")]
    public void NodeNameError_InvalidName_SaysWhy(string name, string reason)
    {
        var error = RosNames.NodeNameError(name);

        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        if (name.Length > 0)
        {
            Assert.Contains($"'{name}'", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/robot")]
    [InlineData("/robot/arm_1")]
    public void NamespaceError_ValidNamespace_IsNull(string ns) => Assert.Null(RosNames.NamespaceError(ns));

    [Theory]
    [InlineData("robot", "must start with '/'")]
    [InlineData("/robot/", "must not end with '/'")]
    [InlineData("/robot//arm", "'//'")]
    [InlineData("/1robot", "must not start with a digit")]
    [InlineData("/ro-bot", "only letters, digits and '_'")]
    public void NamespaceError_InvalidNamespace_SaysWhy(string ns, string reason)
    {
        var error = RosNames.NamespaceError(ns);

        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains(ns, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chatter")]
    [InlineData("/chatter")]
    [InlineData("~")]
    [InlineData("~/private")]
    [InlineData("{node}/cmd")]
    [InlineData("/ns/{node}")]
    [InlineData("a/b_c/d1")]
    public void TopicNameError_ValidName_IsNull(string name) => Assert.Null(RosNames.TopicNameError(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("chatter/", "must not end with '/'")]
    [InlineData("/", "must not end with '/'")]
    [InlineData("/a//b", "'//'")]
    [InlineData("a~b", "'~' is only allowed as the first character")]
    [InlineData("~chatter", "followed by '/'")]
    [InlineData("1chatter", "must not start with a digit")]
    [InlineData("/joint/2", "must not start with a digit")]
    [InlineData("white space", "only letters, digits and '_'")]
    [InlineData("cmd-vel", "only letters, digits and '_'")]
    public void TopicNameError_InvalidName_SaysWhy(string name, string reason)
    {
        var error = RosNames.TopicNameError(name);

        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/chatter", "/my_ns", "/chatter")]
    [InlineData("chatter", "/my_ns", "/my_ns/chatter")]
    [InlineData("ping", "/", "/ping")]
    [InlineData("{node}/chatter", "/my_ns", "/my_ns/my_node/chatter")]
    [InlineData("/{node}", "/my_ns", "/my_node")]
    [InlineData("{node}", "/my_ns", "/my_ns/my_node")]
    [InlineData("~", "/", "/my_node")]
    [InlineData("~", "/my_ns", "/my_ns/my_node")]
    [InlineData("~/ping", "/", "/my_node/ping")]
    [InlineData("~/ping", "/my_ns", "/my_ns/my_node/ping")]
    public void Expand_RelativePrivateAndNodeSubstitution_MatchRcl(string name, string ns, string expected)
    {
        Assert.Equal(expected, RosNames.Expand(name, "my_node", ns));
    }

    /// <summary>
    /// rcl substitutes {ns}/{namespace} with the whole namespace, leading '/' included, so the result is absolute
    /// (test_expand_topic_name.cpp: "{ns}" in /my_ns → "/my_ns").
    /// </summary>
    [Theory]
    [InlineData("{ns}", "/my_ns", "/my_ns")]
    [InlineData("{namespace}", "/my_ns", "/my_ns")]
    [InlineData("{namespace}/{node}/chatter", "/my_ns", "/my_ns/my_node/chatter")]
    [InlineData("{ns}/chatter", "/", "/chatter")]
    public void Expand_NamespaceSubstitution_MatchesRcl(string name, string ns, string expected)
    {
        Assert.Equal(expected, RosNames.Expand(name, "my_node", ns));
    }

    [Theory]
    [InlineData("{doesnotexist}")]
    [InlineData("bad name")]
    public void Expand_InvalidOrUnknownSubstitution_ThrowsArgumentException(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => RosNames.Expand(name, "my_node", "/my_ns"));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("robot", "/robot")]
    [InlineData("/robot/", "/robot")]
    [InlineData("/robot/arm", "/robot/arm")]
    public void NormalizeNamespace_AcceptsCommonSpellings(string? ns, string expected) => Assert.Equal(expected, RosNames.NormalizeNamespace(ns));

    [Fact]
    public void NormalizeNamespace_InvalidNamespace_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => RosNames.NormalizeNamespace("/robot/2arm"));

        Assert.Contains("2arm", error.Message, StringComparison.Ordinal);
    }
}
