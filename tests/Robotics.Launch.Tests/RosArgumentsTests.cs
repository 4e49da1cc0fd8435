namespace Robotics.Launch.Tests;

public class RosArgumentsTests
{
    [Fact]
    public void Parse_ReadsEveryKindOfRule_AcrossSeveralSections()
    {
        var args = RosArguments.Parse(
        [
            "input.bag", "--ros-args", "-r", "__node:=arm", "--remap", "__ns:=/robot", "-r", "talker:chatter:=/news",
            "-p", "rate_hz:=100", "--param", "arm:gain:=1.5", "--log-level", "debug", "--log-level", "rcl:=WARN",
            "-e", "/robot/enclave", "--", "--user-flag", "--ros-args", "-r", "cmd:=/cmd_safe",
        ]);

        Assert.Equal(["input.bag", "--user-flag"], args.NonRosArguments);
        Assert.Equal(
            [new Remap("__node", "arm"), new Remap("__ns", "/robot"), new Remap("chatter", "/news", "talker"), new Remap("cmd", "/cmd_safe")],
            args.Remaps);
        Assert.Equal("arm", args.NodeName);
        Assert.Equal("/robot", args.Namespace);
        Assert.Equal(
            [new ParameterOverride(null, new Parameter("rate_hz", 100L)), new ParameterOverride("arm", new Parameter("gain", 1.5))],
            args.ParameterOverrides);
        Assert.Equal([new LogLevelSetting(null, "debug"), new LogLevelSetting("rcl", "warn")], args.LogLevels);
        Assert.Equal("/robot/enclave", args.Enclave);
    }

    [Fact]
    public void Parse_ParameterValues_AreTypedAsYaml()
    {
        var args = RosArguments.Parse(["--ros-args", "-p", "a:=1", "-p", "b:=1.0", "-p", "c:='1'", "-p", "d:=[1, 2]", "-p", "e:=true"]);

        Assert.Equal(
            [new Parameter("a", 1L), new Parameter("b", 1.0), new Parameter("c", "1"), new Parameter("d", new long[] { 1, 2 }), new Parameter("e", true)],
            args.ParametersFor("/any"));
    }

    [Fact]
    public void ParametersFor_AppliesFilesAndOverridesInCommandLineOrder_AndNodeTargets()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("arm.yaml", "/**:\n  ros__parameters: {rate_hz: 10, mode: sim}\n");

        var args = RosArguments.Parse(
            ["--ros-args", "-p", "mode:=early", "--params-file", file, "-p", "rate_hz:=20", "-p", "gripper:rate_hz:=5"]);

        Assert.Equal(file, Assert.Single(args.ParamsFiles).Path);
        Assert.Equal([new Parameter("mode", "sim"), new Parameter("rate_hz", 20L)], args.ParametersFor("/robot/arm"));
        Assert.Equal([new Parameter("mode", "sim"), new Parameter("rate_hz", 5L)], args.ParametersFor("/gripper"));
    }

    [Fact]
    public void Parse_UnknownFlag_NamesItAndTheExpectedOnes()
    {
        var error = Assert.Throws<LaunchException>(() => RosArguments.Parse(["--ros-args", "-x", "1"]));

        Assert.Equal("unknown ROS argument '-x' (expected -p, -r, --params-file, --log-level, -e)", error.Message);
    }

    [Theory]
    [InlineData(new[] { "--ros-args", "-p" }, "ROS argument '-p' needs a value after it")]
    [InlineData(new[] { "--ros-args", "-r", "--" }, "ROS argument '-r' needs a value after it")]
    [InlineData(new[] { "--ros-args", "-p", "rate_hz" }, "invalid parameter rule 'rate_hz' (expected [node:]name:=value")]
    [InlineData(new[] { "--ros-args", "-p", "gains:=[1, 2.5]" }, "parameter 'gains' mixes integer and double")]
    [InlineData(new[] { "--ros-args", "-r", "chatter" }, "invalid remap rule 'chatter'")]
    [InlineData(new[] { "--ros-args", "-r", "__ns:=robot" }, "a namespace must be absolute")]
    [InlineData(new[] { "--ros-args", "--log-level", "verbose" }, "invalid log level 'verbose' (expected debug, info, warn, error, fatal)")]
    [InlineData(new[] { "--ros-args", "--params-file", "/nonexistent/p.yaml" }, "cannot read parameter file '/nonexistent/p.yaml'")]
    public void Parse_BadRules_AreRejectedWithTheReason(string[] argv, string expected)
    {
        var error = Assert.Throws<LaunchException>(() => RosArguments.Parse(argv));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToArgs_ThenParse_GivesEqualArguments()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("p.yaml", "/**:\n  ros__parameters: {x: 1}\n");
        var original = new RosArguments
        {
            NonRosArguments = ["--verbose", "input file.bag"],
            Remaps = [new Remap("__node", "arm"), new Remap("chatter", "/news", "talker")],
            ParameterSources =
            [
                new ParameterOverride(null, new Parameter("text", "true")),
                ParameterFile.Load(file),
                new ParameterOverride("arm", new Parameter("gains", new[] { 1.0, -2.5e-3 })),
                new ParameterOverride(null, new Parameter("names", new[] { "a, b", "[c]" })),
            ],
            LogLevels = [new LogLevelSetting("rcl", "error")],
            Enclave = "/e",
        };

        var rendered = original.ToArgs();

        Assert.Equal(original, RosArguments.Parse(rendered));
        Assert.Equal(["--verbose", "input file.bag", "--ros-args", "-r", "__node:=arm"], rendered.Take(5));
    }

    [Fact]
    public void ToArgs_WithoutRosContent_IsJustTheProgramArguments()
    {
        Assert.Equal(["a", "b"], new RosArguments { NonRosArguments = ["a", "b"] }.ToArgs());
    }
}
