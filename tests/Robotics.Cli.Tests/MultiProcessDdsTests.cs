using System.Globalization;

namespace Robotics.Cli.Tests;

/// <summary>
/// Two `robotics` processes on DDS, the way a user runs them in two terminals: a node in one, the graph tools in the
/// other (topic echo, node list, param get, service call, action send_goal against a FollowJointTrajectory server). Cyclone is
/// pinned to lo with a discovery tag unique to this test run (ROS2_WIRE.md), so nothing leaves the machine.
/// </summary>
public sealed class MultiProcessDdsTests
{
    private static readonly Dictionary<string, string> _dds = new()
    {
        ["ROS_DOMAIN_ID"] = "45",
        ["CYCLONEDDS_URI"] = "<CycloneDDS><Domain Id=\"any\"><General><Interfaces><NetworkInterface name=\"lo\"/></Interfaces>"
            + "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>auto</ParticipantIndex>"
            + "<MaxAutoParticipantIndex>60</MaxAutoParticipantIndex><Peers><Peer address=\"127.0.0.1\"/></Peers>"
            + "<Tag>robotics-cli-test-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "</Tag></Discovery></Domain></CycloneDDS>",
    };

    [Fact]
    public void GraphTools_InAnotherProcess_SeeTheTalkerEchoItAndCallItsParameterService()
    {
        using var talker = RoboticsProcess.Start(_dds, "run", "talker", "--transport", "dds", "--duration", "40", "--ros-args", "-r", "__node:=mp_talker", "-p", "text:=across processes");
        try
        {
            // With the type given, echo waits for the talker (still starting) instead of failing on an empty graph.
            var echo = RoboticsProcess.RunWith(_dds, "topic", "echo", "/chatter", "std_msgs/msg/String", "--once");
            Assert.True(echo.ExitCode == 0, echo.Error);
            Assert.Contains("across processes", echo.Output, StringComparison.Ordinal);

            var nodes = RoboticsProcess.RunWith(_dds, "node", "list");
            Assert.True(nodes.ExitCode == 0, nodes.Error);
            Assert.Contains("/mp_talker", nodes.Output, StringComparison.Ordinal);

            var param = RoboticsProcess.RunWith(_dds, "param", "get", "/mp_talker", "text");
            Assert.True(param.ExitCode == 0, param.Error);
            Assert.Contains("across processes", param.Output, StringComparison.Ordinal);
        }
        finally
        {
            talker.Kill(entireProcessTree: true);
            talker.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void ActionAndServiceTools_InAnotherProcess_RunAFollowJointTrajectoryGoalAndCallAService()
    {
        using var controller = RoboticsProcess.Start(_dds, "run", "joint_trajectory_controller", "--transport", "dds", "--duration", "60", "--ros-args", "-r", "__node:=mp_arm");
        try
        {
            const string Goal = "{trajectory: {joint_names: [gripper, wrist_roll], points: [{positions: [0.5, -0.2], time_from_start: {sec: 0, nanosec: 300000000}}]}}";
            var goal = RoboticsProcess.RunWith(_dds, "action", "send_goal", "/mp_arm/follow_joint_trajectory", "control_msgs/action/FollowJointTrajectory", Goal, "--feedback", "--timeout", "30");
            Assert.True(goal.ExitCode == 0, goal.Output + goal.Error);
            Assert.Contains("Goal accepted with ID: ", goal.Output, StringComparison.Ordinal);
            Assert.Contains("Feedback:", goal.Output, StringComparison.Ordinal);
            Assert.Contains("Goal finished with status: SUCCEEDED", goal.Output, StringComparison.Ordinal);

            var rejected = RoboticsProcess.RunWith(_dds, "action", "send_goal", "/mp_arm/follow_joint_trajectory", "control_msgs/action/FollowJointTrajectory", "{trajectory: {joint_names: [tail], points: [{positions: [1.0]}]}}");
            Assert.Equal(1, rejected.ExitCode);
            Assert.Contains("Goal was rejected.", rejected.Output, StringComparison.Ordinal);

            var actions = RoboticsProcess.RunWith(_dds, "action", "list", "-t");
            Assert.Contains("/mp_arm/follow_joint_trajectory [control_msgs/action/FollowJointTrajectory]", actions.Output, StringComparison.Ordinal);
            var info = RoboticsProcess.RunWith(_dds, "action", "info", "/mp_arm/follow_joint_trajectory");
            Assert.Contains("Action servers: 1\n    /mp_arm", info.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);

            Assert.DoesNotContain("/_action/", RoboticsProcess.RunWith(_dds, "topic", "list").Output, StringComparison.Ordinal);
            Assert.Contains("/mp_arm/follow_joint_trajectory/_action/status", RoboticsProcess.RunWith(_dds, "topic", "list", "--include-hidden-topics").Output, StringComparison.Ordinal);

            var services = RoboticsProcess.RunWith(_dds, "service", "list");
            Assert.Contains("/mp_arm/get_parameters", services.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("_action", services.Output, StringComparison.Ordinal);
            var call = RoboticsProcess.RunWith(_dds, "service", "call", "/mp_arm/get_parameters", "rcl_interfaces/srv/GetParameters", "{names: [rate_hz]}");
            Assert.True(call.ExitCode == 0, call.Error);
            Assert.Contains("double_value: 100.0", call.Output, StringComparison.Ordinal);
        }
        finally
        {
            controller.Kill(entireProcessTree: true);
            controller.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }
}
