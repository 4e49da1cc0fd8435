namespace Robotics.Launch.Tests;

public sealed class LaunchErrorTests : IDisposable
{
    private static readonly LaunchLoaderOptions s_options = new()
    {
        Packages = new PackageResolver(new Dictionary<string, string> { ["robotics"] = "/opt/robotics", ["demo"] = "/opt/demo" }),
        GetEnvironmentVariable = _ => null,
    };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("bad.launch.xml", "<launch>\n  <node pkg=\"a\" exec=\"b\">\n</launch>\n", 3, "malformed XML: The 'node' start tag on line 2")]
    [InlineData("bad.launch.yaml", "launch:\n- node:\n    pkg: a\n   exec: b\n", 4, "malformed YAML: ")]
    [InlineData("empty.launch.xml", "", 1, "malformed XML: Root element is missing")]
    [InlineData("root.launch.xml", "<robot/>\n", 1, "the root element must be 'launch', not 'robot'")]
    [InlineData("root.launch.yaml", "nodes: []\n", 1, "unknown top-level key 'nodes'")]
    public void MalformedDocument_IsReportedAtTheParsersPosition(string name, string text, int line, string problem) =>
        AssertFails(name, text, line, problem);

    [Theory]
    [InlineData("a.launch.xml", "<launch>\n  <node pkg=\"a\" exec=\"b\" colour=\"red\"/>\n</launch>\n", 2)]
    [InlineData("a.launch.yaml", "launch:\n- node:\n    pkg: a\n    colour: red\n    exec: b\n", 4)]
    public void UnknownAttribute_IsNamedWithTheAllowedOnes(string name, string text, int line) =>
        AssertFails(name, text, line,
            "unknown attribute 'colour' on 'node' (allowed: pkg, exec, name, namespace, ros_namespace, args, output, respawn, respawn_delay, if, unless");

    [Fact]
    public void UnknownChildElement_IsNamedWithTheAllowedOnes() =>
        AssertFails("a.launch.xml", "<launch>\n  <node exec=\"b\">\n    <parm name=\"x\" value=\"1\"/>\n  </node>\n</launch>\n", 3,
            "unknown element 'parm' inside 'node' (allowed: param, remap, env)");

    [Fact]
    public void UnknownAction_InASkippedBranch_IsStillAnError() =>
        AssertFails("a.launch.yaml", "launch:\n- group:\n    if: 'false'\n    children:\n    - nod: {exec: b}\n", 5,
            "unknown action 'nod' (allowed: arg, let, node, include, group, push-ros-namespace");

    [Fact]
    public void MissingArgument_NamesItAndListsTheFilesArgumentsWithDescriptions()
    {
        var error = AssertFails("a.launch.xml", """
            <launch>
              <arg name="rate_hz" default="100" description="control rate"/>
              <arg name="robot" description="robot to drive"/>
            </launch>
            """, 3, "launch argument 'robot' is required but was not given (pass robot:=<value>)");

        Assert.EndsWith(
            "arguments of a.launch.xml:\n  rate_hz (default '100'): control rate\n  robot (required): robot to drive",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingArgument_OfAnIncludedFile_SaysWhereItWasIncluded()
    {
        _dir.Write("arm.launch.xml", "<launch>\n  <arg name=\"side\"/>\n</launch>\n");
        var root = _dir.Write("root.launch.xml", "<launch>\n  <include file=\"arm.launch.xml\"/>\n</launch>\n");

        var error = Assert.Throws<LaunchException>(() => LaunchLoader.Load(root, null, s_options));

        Assert.StartsWith($"{Path.Combine(_dir.Path, "arm.launch.xml")}:2: launch argument 'side' is required", error.Message, StringComparison.Ordinal);
        Assert.Contains($"[included from {root}:2]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.launch.xml", "<launch>\n  <node exec=\"b\" if=\"maybe\"/>\n</launch>\n", 2)]
    [InlineData("a.launch.yaml", "launch:\n- node:\n    exec: b\n    if: maybe\n", 4)]
    public void ConditionOtherThanTrueFalseOneZero_IsAnError(string name, string text, int line) =>
        AssertFails(name, text, line, "'if' of 'node' evaluated to 'maybe'; expected true, false, 1 or 0");

    [Fact]
    public void IfAndUnlessTogether_IsAnError() =>
        AssertFails("a.launch.xml", "<launch>\n  <node exec=\"b\" if=\"1\" unless=\"0\"/>\n</launch>\n", 2, "'node' has both 'if' and 'unless'");

    [Fact]
    public void IncludeCycle_IsReportedAtTheIncludeThatClosesIt()
    {
        var first = _dir.Write("a.launch.xml", "<launch>\n  <include file=\"b.launch.yaml\"/>\n</launch>\n");
        var second = _dir.Write("b.launch.yaml", "launch:\n- node: {exec: x}\n- include: {file: a.launch.xml}\n");

        var error = Assert.Throws<LaunchException>(() => LaunchLoader.Load(first, null, s_options));

        Assert.Equal($"{second}:3: include cycle: {first} -> {second} -> {first}", error.Message);
    }

    [Fact]
    public void MissingIncludedFile_IsReportedAtTheInclude() =>
        AssertFails("a.launch.xml", "<launch>\n\n  <include file=\"nope.launch.xml\"/>\n</launch>\n", 3,
            $"included file '{Path.Combine(_dir.Path, "nope.launch.xml")}' does not exist");

    [Fact]
    public void BadParameterFile_UsedByANode_IsReportedInsideThatFile()
    {
        var parameters = _dir.Write("arm.yaml", "arm:\n  ros__parameters:\n    gains: [1, 2.5]\n");
        var launch = _dir.Write("a.launch.xml", "<launch>\n  <node exec=\"arm\"><param from=\"arm.yaml\"/></node>\n</launch>\n");

        var error = Assert.Throws<LaunchException>(() => LaunchLoader.Load(launch, null, s_options));

        Assert.StartsWith($"{parameters}:3: parameter 'gains' mixes integer and double", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingParameterFile_IsReportedAtTheParam() =>
        AssertFails("a.launch.xml", "<launch>\n  <node exec=\"arm\">\n    <param from=\"$(find-pkg-share demo)/p.yaml\"/>\n  </node>\n</launch>\n", 3,
            "parameter file '/opt/demo/p.yaml' does not exist");

    [Theory]
    [InlineData("<node exec=\"$(eval 1 + 1)\"/>", "unsupported substitution 'eval' (supported: var, env, optenv, find-pkg-share, dirname, filename)")]
    [InlineData("<node exec=\"$(var nope)\"/>", "launch argument 'nope' is not set")]
    [InlineData("<node exec=\"$(env NOPE)\"/>", "environment variable 'NOPE' is not set")]
    [InlineData("<node exec=\"$(find-pkg-share nav2)\"/>", "unknown package 'nav2' in $(find-pkg-share) (known packages: demo, robotics)")]
    [InlineData("<node exec=\"$(var robot\"/>", "unterminated substitution '$(var'")]
    [InlineData("<node exec=\"$(var)\"/>", "$(var) takes 1 argument(s), got 0")]
    [InlineData("<node exec=\"x\" name=\"bad-name\"/>", "invalid node name 'bad-name'")]
    [InlineData("<push-ros-namespace namespace=\"9lives\"/>", "invalid namespace '/9lives'")]
    [InlineData("<node exec=\"x\"><param name=\"j\" value=\"[]\"/></node>", "parameter 'j' is an empty list")]
    [InlineData("<node exec=\"x\"><param name=\"a\" from=\"f.yaml\"/></node>", "'param' needs either 'name'")]
    [InlineData("<node pkg=\"x\"/>", "'node' needs attribute 'exec'")]
    public void BadAttributeValues_AreReportedOnTheirLine(string element, string problem) =>
        AssertFails("a.launch.xml", $"<launch>\n  {element}\n</launch>\n", 2, problem);

    [Fact]
    public void PythonLaunchFiles_AreRefused() =>
        AssertFails("a.launch.py", "from launch import LaunchDescription\n", 1, "Python launch files are not supported");

    private LaunchException AssertFails(string name, string text, int line, string problem)
    {
        var path = _dir.Write(name, text);

        var error = Assert.Throws<LaunchException>(() => LaunchLoader.Load(path, null, s_options));

        Assert.StartsWith($"{path}:{line}: {problem}", error.Message, StringComparison.Ordinal);
        return error;
    }
}
