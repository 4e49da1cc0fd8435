using Robotics.Messages.Definitions;

namespace Robotics.Messages.Tests;

public class RegistryTests
{
    [Fact]
    public void Names_FollowRosAndDdsConventions()
    {
        var type = MessageRegistry.Get("sensor_msgs/JointState");
        Assert.Equal("sensor_msgs/msg/JointState", type.Name);
        Assert.Equal("sensor_msgs::msg::dds_::JointState_", type.DdsName);
        Assert.True(MessageRegistry.TryGetService("std_srvs/srv/Trigger", out var trigger));
        Assert.Equal("std_srvs::srv::dds_::Trigger_Request_", trigger.Request.DdsName);
        Assert.True(MessageRegistry.TryGetAction("control_msgs/action/FollowJointTrajectory", out var follow));
        Assert.Equal("control_msgs/action/FollowJointTrajectory_SendGoal_Request", follow.SendGoal.Request.Name);
    }

    [Fact]
    public void Ros2MsgSchema_ListsEveryDependencyOnceAfterA80EqualsLine()
    {
        var schema = MessageRegistry.Get("sensor_msgs/msg/JointState").Ros2MsgSchema;
        Assert.StartsWith("std_msgs/Header header\n", schema, StringComparison.Ordinal);
        Assert.Contains("\n" + new string('=', 80) + "\nMSG: std_msgs/Header\n", schema, StringComparison.Ordinal);
        Assert.Contains("\nMSG: builtin_interfaces/Time\nint32 sec", schema, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(schema, "MSG: builtin_interfaces/Time"));
    }

    [Fact]
    public void UnknownType_SaysWhatExists()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => MessageRegistry.Get("std_msgs/Strin"));
        Assert.Contains("std_msgs", error.Message, StringComparison.Ordinal);
        Assert.Contains("Known packages", error.Message, StringComparison.Ordinal);
        var close = Assert.Throws<KeyNotFoundException>(() => MessageRegistry.Get("foo/JointState"));
        Assert.Contains("Did you mean sensor_msgs/msg/JointState", close.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int32 x\nfloat64 x", 2, "defined twice")]
    [InlineData("int32 X", 1, "lowercase")]
    [InlineData("int32[<=0] x", 1, "positive integer")]
    [InlineData("uint8 FOO=300", 1, "not a valid uint8")]
    [InlineData("wstring w", 1, "wstring is not supported")]
    [InlineData("foo/bar/baz/Qux x", 1, "is not 'Type'")]
    public void Parser_ReportsTheLineAndTheProblem(string text, int line, string reason)
    {
        var error = Assert.Throws<MsgParseException>(() => MsgParser.Parse("pkg", "msg", "T", text));
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parser_ReadsBoundsDefaultsAndConstants()
    {
        var spec = MsgParser.Parse("pkg", "msg", "T", "string<=5[<=3] names ['a', 'b']  # comment\nint8 K=-3\nstring S=a # b\nfloat64[4] f");
        var names = spec.Fields[0].Type;
        Assert.Equal((PrimitiveKind.String, 5, ArrayKind.Bounded, 3), (names.Primitive, names.StringBound, names.Array, names.ArrayBound));
        Assert.Equal("['a', 'b']", spec.Fields[0].DefaultValue);
        Assert.Equal("-3", spec.Constants[0].Value);
        Assert.Equal("a # b", spec.Constants[1].Value);
        Assert.Equal(ArrayKind.Fixed, spec.Fields[1].Type.Array);
    }
}
