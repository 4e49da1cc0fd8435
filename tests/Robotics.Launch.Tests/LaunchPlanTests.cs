namespace Robotics.Launch.Tests;

public class LaunchPlanTests
{
    private static readonly string s_robotDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "robot");

    // $(find-pkg-share robotics) points at the test data, so the "from" parameter file resolves there.
    private static readonly LaunchLoaderOptions s_options = new()
    {
        Packages = new PackageResolver(new Dictionary<string, string> { ["robotics"] = s_robotDirectory }),
        GetEnvironmentVariable = name => name == "TEST_LOG_DIR" ? "/var/log/robot" : null,
    };

    private static LaunchPlan LoadRobot(string extension, IReadOnlyDictionary<string, string>? args = null) =>
        LaunchLoader.Load(Path.Combine(s_robotDirectory, "robot.launch." + extension), args, s_options);

    [Theory]
    [InlineData("xml")]
    [InlineData("yaml")]
    public void Load_RobotLaunch_GivesTheExpectedNodes(string extension)
    {
        var plan = LoadRobot(extension);

        Assert.Equal(["sim_driver", "arm_controller", "monitor", "recorder"], plan.Nodes.Select(n => n.Executable));
        var (driver, arm, monitor, recorder) = (plan.Nodes[0], plan.Nodes[1], plan.Nodes[2], plan.Nodes[3]);

        Assert.Equal("/arm1_driver", driver.FullyQualifiedName);
        Assert.Equal([new Parameter("rate_hz", 100L)], driver.Parameters);

        // Group pushed /arm1 (before the scoped let renamed robot), the node added its relative namespace.
        Assert.Equal("/arm1/arm/left_arm", arm.FullyQualifiedName);
        Assert.Equal(
            [
                new Parameter("use_sim_time", false),
                new Parameter("gains.p", 2.5), // the node's own param comes after the file and wins
                new Parameter("gains.i", 0.1),
                new Parameter("joints", new[] { "shoulder", "elbow" }),
            ],
            arm.Parameters);
        Assert.Equal([new Remap("joint_states", "/arm1/joint_states"), new Remap("cmd", "left/cmd")], arm.Remaps);

        Assert.Null(monitor.Name);
        Assert.Equal("/arm1/tools/monitor", monitor.FullyQualifiedName);
        Assert.Equal(["--verbose", "two words"], monitor.Arguments);
        Assert.Equal([KeyValuePair.Create("LOG_DIR", "/var/log/robot")], monitor.Environment);
        Assert.Equal([new Remap("joint_states", "/arm1/joint_states")], monitor.Remaps);

        // After the scoped group: namespace, set_remap and the let are gone again.
        Assert.Equal("/recorder", recorder.FullyQualifiedName);
        Assert.Equal([new Parameter("topics", new[] { "joint_states", "cmd" }), new Parameter("robot", "arm1")], recorder.Parameters);
        Assert.Equal([new Remap("in", "out")], recorder.Remaps);
        Assert.Equal("screen", recorder.Output);
        Assert.True(recorder.Respawn);
    }

    [Fact]
    public void Load_XmlAndYamlForms_GiveTheSamePlan()
    {
        var xml = LoadRobot("xml");
        var yaml = LoadRobot("yaml");

        Assert.Equal(xml.Nodes.Select(n => n with { Source = default }), yaml.Nodes.Select(n => n with { Source = default }));
        Assert.Equal(xml.ArgumentValues, yaml.ArgumentValues);
        Assert.Equal(xml.Arguments.Select(a => (a.Name, a.Value, a.Description)), yaml.Arguments.Select(a => (a.Name, a.Value, a.Description)));
    }

    [Fact]
    public void Load_RecordsWhereEachNodeAndArgumentCameFrom()
    {
        var plan = LoadRobot("xml");

        Assert.Equal(new SourceLocation(Path.Combine(s_robotDirectory, "robot.launch.xml"), 6), plan.Nodes[0].Source);
        Assert.Equal(new SourceLocation(Path.Combine(s_robotDirectory, "arm.launch.xml"), 3), plan.Nodes[1].Source);
        Assert.Equal(
            new Dictionary<string, string> { ["robot"] = "arm1", ["use_sim"] = "true", ["rate_hz"] = "100" },
            plan.ArgumentValues);
        Assert.Equal("side", plan.Arguments.Single(a => a.DeclaredAt.File.EndsWith("arm.launch.xml", StringComparison.Ordinal)).Name);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("yaml")]
    public void Load_GivenArguments_OverrideDefaultsAndFlipConditions(string extension)
    {
        var plan = LoadRobot(extension, new Dictionary<string, string> { ["use_sim"] = "False", ["robot"] = "arm2" });

        Assert.Equal(["serial_driver", "arm_controller", "monitor", "recorder"], plan.Nodes.Select(n => n.Executable));
        Assert.Equal("/arm2_driver", plan.Nodes[0].FullyQualifiedName);
        Assert.Equal("/arm2/arm/left_arm", plan.Nodes[1].FullyQualifiedName);
        Assert.Equal("False", plan.ArgumentValues["use_sim"]);
    }

    [Fact]
    public void Load_EnvWithoutTheVariable_UsesTheDefault()
    {
        var options = s_options with { GetEnvironmentVariable = _ => null };

        var plan = LaunchLoader.Load(Path.Combine(s_robotDirectory, "robot.launch.xml"), null, options);

        Assert.Equal([KeyValuePair.Create("LOG_DIR", "/tmp/fallback")], plan.Nodes[2].Environment);
    }

    [Fact]
    public void FindPkgShare_Robotics_DefaultsToTheDirectoryHoldingRoboticsSln()
    {
        using var dir = new TempDirectory();
        dir.Write("Robotics.sln", string.Empty);
        var launch = dir.Write("launch/demo.launch.xml",
            "<launch>\n  <node exec=\"x\"><param name=\"root\" value=\"$(find-pkg-share robotics)\"/></node>\n</launch>\n");

        var plan = LaunchLoader.Load(launch);

        Assert.Equal([new Parameter("root", dir.Path)], plan.Nodes[0].Parameters);
    }

    [Fact]
    public void Group_NotScoped_LeaksNamespaceAndLet_AndAbsoluteNamespacesIgnoreThePushedOne()
    {
        using var dir = new TempDirectory();
        var launch = dir.Write("a.launch.xml", """
            <launch>
              <group scoped="false">
                <push-ros-namespace namespace="robot"/>
                <let name="mode" value="fast"/>
              </group>
              <node exec="planner" name="planner"><param name="mode" value="$(var mode)"/></node>
              <node exec="clock" name="clock" namespace="/sim"/>
            </launch>
            """);

        var plan = LaunchLoader.Load(launch, null, s_options);

        Assert.Equal("/robot/planner", plan.Nodes[0].FullyQualifiedName);
        Assert.Equal([new Parameter("mode", "fast")], plan.Nodes[0].Parameters);
        Assert.Equal("/sim/clock", plan.Nodes[1].FullyQualifiedName);
    }

    [Fact]
    public void Include_IsNotScoped_AsInRos2_SoItsLetsAreVisibleAfterIt()
    {
        using var dir = new TempDirectory();
        dir.Write("inner.launch.yaml", "launch:\n- let: {name: from_inner, value: yes}\n");
        var launch = dir.Write("outer.launch.yaml", """
            launch:
            - include: {file: inner.launch.yaml}
            - node: {exec: n, param: [{name: flag, value: $(var from_inner)}]}
            """);

        var plan = LaunchLoader.Load(launch, null, s_options);

        Assert.Equal([new Parameter("flag", true)], plan.Nodes[0].Parameters); // "yes" is a bool to rcl
    }

    [Fact]
    public void NodeLaunch_ToRosArguments_StartsTheNodeWithItsNameNamespaceRemapsAndParameters()
    {
        var arm = LoadRobot("xml").Nodes[1];

        var args = arm.ToRosArguments();

        Assert.Equal("left_arm", args.NodeName);
        Assert.Equal("/arm1/arm", args.Namespace);
        Assert.Equal(arm.Parameters, args.ParametersFor(arm.FullyQualifiedName));
        Assert.Equal(args, RosArguments.Parse(args.ToArgs()));
    }
}
