namespace Robotics.Launch;

/// <summary>
/// One <c>ros__parameters</c> block: the node key as written (<c>talker</c>, <c>/ns/talker</c>, <c>/**</c>,
/// <c>/**/talker</c>, <c>/ns/*</c>) and its parameters, nested maps flattened with '.' as rcl does.
/// </summary>
public sealed record NodeParameters(string NodePattern, IReadOnlyList<Parameter> Parameters, SourceLocation? Location = null)
{
    public IReadOnlyList<Parameter> Parameters { get; init => field = ValueList<Parameter>.From(value); } =
        ValueList<Parameter>.From(Parameters);

    /// <summary>Whether this block applies to the node, with rclcpp's wildcard rules (see <see cref="ParameterResolver"/>).</summary>
    public bool Matches(string fullyQualifiedNodeName) => NodeNamePattern.Matches(NodePattern, fullyQualifiedNodeName);
}
