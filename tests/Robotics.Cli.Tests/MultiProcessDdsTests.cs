using System.Globalization;

namespace Robotics.Cli.Tests;

/// <summary>
/// Two `robotics` processes on DDS, the way a user runs them in two terminals: a talker node in one, the graph tools
/// in the other (topic echo, node list, param get — the last one is a service call across processes). Cyclone is
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
}
