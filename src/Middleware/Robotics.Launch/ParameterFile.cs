namespace Robotics.Launch;

/// <summary>
/// A ROS 2 parameter YAML file (the <c>--params-file</c> format read by rcl_yaml_param_parser):
/// <code>
/// /robot/arm:            # or arm, /**, /**/arm, /robot/*
///   ros__parameters:
///     rate_hz: 100
///     gains: {p: 1.5}    # becomes gains.p
/// </code>
/// </summary>
public sealed record ParameterFile(string Path, IReadOnlyList<NodeParameters> Entries) : IParameterSource
{
    public IReadOnlyList<NodeParameters> Entries { get; init => field = ValueList<NodeParameters>.From(value); } =
        ValueList<NodeParameters>.From(Entries);

    /// <summary>Reads and parses a file; problems inside it are reported as <c>path:line: ...</c>.</summary>
    public static ParameterFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LaunchException($"cannot read parameter file '{fullPath}': {ex.Message}", ex);
        }

        return Parse(text, fullPath);
    }

    /// <summary>Parses file text; <paramref name="fileName"/> is what error messages and <see cref="Path"/> show.</summary>
    public static ParameterFile Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        return new ParameterFile(fileName, ParameterFileParser.Parse(text, fileName));
    }

    /// <summary>The parameters this file gives the node, resolved as rclcpp does (see <see cref="ParameterResolver"/>).</summary>
    public IReadOnlyList<Parameter> ParametersFor(string fullyQualifiedNodeName) =>
        ParameterResolver.Resolve([this], fullyQualifiedNodeName);
}
