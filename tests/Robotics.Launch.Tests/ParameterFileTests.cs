namespace Robotics.Launch.Tests;

public class ParameterFileTests
{
    private const string File = "params.yaml";

    [Fact]
    public void Parse_FlattensNestedMapsWithDots_AndJoinsNamespaceKeys()
    {
        var file = ParameterFile.Parse("""
            robot:
              arm:
                ros__parameters:
                  rate_hz: 100
                  gains:
                    p: 1.5
                    limits: {max: 2.0}
                  joints: [shoulder, elbow]
            """, File);

        var entry = Assert.Single(file.Entries);
        Assert.Equal("robot/arm", entry.NodePattern);
        Assert.Equal(new SourceLocation(File, 3), entry.Location);
        Assert.Equal(
            [
                new Parameter("rate_hz", 100L),
                new Parameter("gains.p", 1.5),
                new Parameter("gains.limits.max", 2.0),
                new Parameter("joints", new[] { "shoulder", "elbow" }),
            ],
            file.ParametersFor("/robot/arm"));
    }

    [Theory]
    [InlineData("/**", "/arm", true)]
    [InlineData("/**", "/a/b/arm", true)]
    [InlineData("/**/arm", "/arm", true)]
    [InlineData("/**/arm", "/robot/left/arm", true)]
    [InlineData("/**/arm", "/robot/gripper", false)]
    [InlineData("/robot/*", "/robot/arm", true)]
    [InlineData("/robot/*", "/robot/left/arm", false)]
    [InlineData("/robot/*", "/arm", false)]
    [InlineData("arm", "/arm", true)] // rclcpp adds the missing leading slash
    [InlineData("arm", "/robot/arm", false)]
    [InlineData("/robot/arm", "/robot/arm", true)]
    public void NodeKeys_MatchFullyQualifiedNamesWithRclcppWildcards(string key, string node, bool matches)
    {
        var file = ParameterFile.Parse($"{key}:\n  ros__parameters:\n    x: 1\n", File);

        Assert.Equal(matches, file.ParametersFor(node).Count == 1);
    }

    [Fact]
    public void ParametersFor_LaterBlocksWin_InDocumentOrder_NotBySpecificity()
    {
        var file = ParameterFile.Parse("""
            /robot/arm:
              ros__parameters: {rate_hz: 50, name: arm}
            /**:
              ros__parameters: {rate_hz: 10, use_sim_time: true}
            /other:
              ros__parameters: {rate_hz: 1}
            """, File);

        Assert.Equal(
            [new Parameter("rate_hz", 10L), new Parameter("name", "arm"), new Parameter("use_sim_time", true)],
            file.ParametersFor("/robot/arm"));
    }

    [Fact]
    public void Resolve_SeveralSources_MergeLikeRclsSingleTable()
    {
        // rcl files every --params-file and -p into one table keyed by node key; a key seen again keeps its first
        // position. So the /arm block (2nd key) still beats the /** value given by the second file.
        var first = ParameterFile.Parse("/**:\n  ros__parameters: {rate: 1}\n/arm:\n  ros__parameters: {rate: 2}\n", "a.yaml");
        var second = ParameterFile.Parse("/**:\n  ros__parameters: {rate: 3}\n", "b.yaml");
        var overrideForArm = new ParameterOverride("/arm", new Parameter("rate", 4L));

        Assert.Equal([new Parameter("rate", 2L)], ParameterResolver.Resolve([first, second], "/arm"));
        Assert.Equal([new Parameter("rate", 4L)], ParameterResolver.Resolve([first, second, overrideForArm], "/arm"));
        Assert.Equal([new Parameter("rate", 3L)], ParameterResolver.Resolve([first, second, overrideForArm], "/base"));
    }

    [Theory]
    [InlineData("arm:\n  rate: 5\n", 2, "'rate' under 'arm' is outside 'ros__parameters'")]
    [InlineData("arm: 5\n", 1, "'arm' must be a map holding 'ros__parameters'")]
    [InlineData("arm:\n  ros__parameters: 5\n", 2, "'ros__parameters' of 'arm' must be a map")]
    [InlineData("ros__parameters:\n  x: 1\n", 1, "'ros__parameters' must be nested under a node name")]
    [InlineData("/bad-name:\n  ros__parameters: {x: 1}\n", 2, "invalid node name '/bad-name'")]
    [InlineData("arm:\n  ros__parameters:\n    gains: [1, 2.5]\n", 3, "parameter 'gains' mixes integer and double")]
    [InlineData("arm:\n  ros__parameters:\n    joints: []\n", 3, "parameter 'joints' is an empty list")]
    [InlineData("arm:\n  ros__parameters:\n    rate:\n", 3, "parameter 'rate' has no value")]
    [InlineData("arm:\n  ros__parameters:\n    poses: [{x: 1}]\n", 3, "list elements must be single values")]
    [InlineData("arm:\n  ros__parameters:\n    a: &rate 1\n    b: *rate\n", 4, "YAML aliases (*rate) are not supported")]
    [InlineData("arm:\n  ros__parameters:\n    a: 1\n   b: 2\n", 4, "malformed YAML")]
    [InlineData("arm:\n  ros__parameters:\n    a: [1, 2\n", 4, "malformed YAML")] // the parser notices at the end
    public void Parse_BadFile_ReportsFileAndLine(string yaml, int line, string problem)
    {
        var error = Assert.Throws<LaunchException>(() => ParameterFile.Parse(yaml, File));

        Assert.StartsWith($"{File}:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation(File, line), error.Location);
    }

    [Fact]
    public void Load_MissingFile_SaysWhichFile()
    {
        var error = Assert.Throws<LaunchException>(() => ParameterFile.Load("/nonexistent/params.yaml"));

        Assert.Contains("/nonexistent/params.yaml", error.Message, StringComparison.Ordinal);
    }
}
