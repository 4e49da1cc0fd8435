using Robotics.Cli.Commands;
using Robotics.Launch;
using Robotics.Middleware.Graph;

namespace Robotics.Cli.Tests;

public class LaunchCommandTests
{
    [Fact]
    public void LaunchFile_WithIncludeGroupConditionsAndRemaps_StartsTheExpectedNodes()
    {
        using var test = new CliTestContext();
        var plan = LaunchLoader.Load(CliTestContext.Data("robot.launch.xml"), new Dictionary<string, string> { ["with_listener"] = "true" });
        var nodes = LaunchCommand.StartComposed(plan, test.Context, test.Error);

        Assert.Equal(["/robot/loud/loud", "/ear"], nodes.Select(n => n.FullyQualifiedName));
        var talker = nodes[0];
        Assert.Equal(5.0, talker.Parameters.Get("rate_hz").AsDouble());
        Assert.Equal("Hello from a file", talker.Parameters.Get("text").AsString());

        // The talker publishes on its namespaced chatter; the listener's remap points it there.
        var endpoints = test.Context.Transport.Graph.Endpoints;
        Assert.Contains(endpoints, e => e.Topic == "/robot/loud/chatter" && e.Kind == EndpointKind.Publisher && e.NodeName == "loud");
        Assert.Contains(endpoints, e => e.Topic == "/robot/loud/chatter" && e.Kind == EndpointKind.Subscription && e.NodeName == "ear");
    }

    [Fact]
    public void Unless_StartsTheOtherNode()
    {
        using var test = new CliTestContext();
        var plan = LaunchLoader.Load(CliTestContext.Data("robot.launch.xml"), new Dictionary<string, string> { ["ns"] = "r2" });
        Assert.Equal(["/r2/loud/loud", "/never"], plan.Nodes.Select(n => n.FullyQualifiedName));
    }

    [Fact]
    public void DryRun_PrintsThePlanAsJson()
    {
        using var test = new CliTestContext();
        Assert.Equal(0, LaunchCommand.Run([CliTestContext.Data("robot.launch.xml"), "--dry-run", "--json", "ns:=x"], test.Env));
        var output = test.Out.ToString();
        Assert.Contains("\"fully_qualified_name\":\"/x/loud/loud\"", output, StringComparison.Ordinal);
        Assert.Contains("\"rate_hz\":5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedLaunchFile_GivesFileAndLineAndExitCode2WithoutAStackTrace()
    {
        var result = RoboticsProcess.Run("launch", CliTestContext.Data("broken.launch.xml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"robotics: error: .*broken\.launch\.xml:\d+: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingLaunchFile_IsAClearError()
    {
        var result = RoboticsProcess.Run("launch", "/nonexistent/x.launch.xml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }
}

public class DemoCommandTests
{
    [Fact]
    public void Demo_RunsEpisodesOfTheSimulatedArmUnderTheSupervisor_AndReportsJson()
    {
        var result = RoboticsProcess.Run("demo", "--episodes", "3", "--duration", "60", "--json");
        Assert.Equal(0, result.ExitCode);
        var summary = System.Text.Json.JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("reach", summary.GetProperty("task").GetString());
        Assert.Equal(3, summary.GetProperty("episodes").GetInt32());
        Assert.Contains("/arm/supervisor", summary.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        Assert.True(summary.GetProperty("sim_s").GetDouble() > 0.5, "simulation time advanced");
        Assert.Equal(0, summary.GetProperty("callback_errors").GetInt64());
    }
}
