using Robotics.Middleware.Dds.Wire;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>ROS names ↔ DDS topic and type names as rmw_cyclonedds spells them (ROS2_WIRE.md "Names"), both ways.</summary>
public sealed class RosTopicNamesTests
{
    [Theory]
    [InlineData("/chatter", "rt/chatter")]
    [InlineData("/robot/joint_states", "rt/robot/joint_states")]
    [InlineData("/fibonacci/_action/feedback", "rt/fibonacci/_action/feedback")]
    public void Topic_RosTopic_GetsTheRtPrefixAndParsesBack(string ros, string dds)
    {
        Assert.Equal(dds, RosTopicNames.Topic(ros));
        Assert.Equal((DdsTopicKind.Topic, ros), RosTopicNames.Parse(dds));
    }

    [Theory]
    [InlineData("/add_two_ints", "rq/add_two_intsRequest", "rr/add_two_intsReply")]
    [InlineData("/arm/set_parameters", "rq/arm/set_parametersRequest", "rr/arm/set_parametersReply")]
    [InlineData("/fibonacci/_action/send_goal", "rq/fibonacci/_action/send_goalRequest", "rr/fibonacci/_action/send_goalReply")]
    public void RequestAndReply_RosService_GetPrefixAndSuffixAndParseBack(string ros, string request, string reply)
    {
        Assert.Equal(request, RosTopicNames.Request(ros));
        Assert.Equal(reply, RosTopicNames.Reply(ros));
        Assert.Equal((DdsTopicKind.Request, ros), RosTopicNames.Parse(request));
        Assert.Equal((DdsTopicKind.Reply, ros), RosTopicNames.Parse(reply));
    }

    [Theory]
    [InlineData("ros_discovery_info")] // no prefix: not a ROS topic
    [InlineData("DCPSParticipant")]
    [InlineData("rq/oddReply")]        // a request prefix needs the Request suffix
    [InlineData("rr/oddRequest")]
    [InlineData("rtchatter")]          // prefixes are followed by the name's leading '/'
    public void Parse_NotARosName_IsOtherAndUnchanged(string dds) =>
        Assert.Equal((DdsTopicKind.Other, dds), RosTopicNames.Parse(dds));

    [Theory]
    [InlineData("std_msgs::msg::dds_::String_", false, "std_msgs/msg/String")]
    [InlineData("sensor_msgs::msg::dds_::JointState_", false, "sensor_msgs/msg/JointState")]
    [InlineData("example_interfaces::srv::dds_::AddTwoInts_Request_", true, "example_interfaces/srv/AddTwoInts")]
    [InlineData("example_interfaces::srv::dds_::AddTwoInts_Response_", true, "example_interfaces/srv/AddTwoInts")]
    [InlineData("example_interfaces::srv::dds_::AddTwoInts_Request_", false, "example_interfaces/srv/AddTwoInts_Request")]
    [InlineData("action_tutorials::action::dds_::Fibonacci_FeedbackMessage_", false, "action_tutorials/action/Fibonacci_FeedbackMessage")]
    [InlineData("SomeVendorType", false, "SomeVendorType")]               // not ROS: left alone
    [InlineData("pkg::msg::Name_", false, "pkg::msg::Name_")]             // no dds_ module
    [InlineData("pkg::msg::dds_::Name", false, "pkg::msg::dds_::Name")]   // no trailing underscore
    public void RosTypeName_DdsTypeName_IsThePackageSlashName(string dds, bool asService, string ros) =>
        Assert.Equal(ros, RosTopicNames.RosTypeName(dds, asService));
}
