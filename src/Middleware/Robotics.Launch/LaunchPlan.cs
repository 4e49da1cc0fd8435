namespace Robotics.Launch;

/// <summary>
/// What a launch file asks for, fully resolved: the nodes to start, in file order, and the launch arguments. Nothing is
/// started; a process manager turns each <see cref="NodeLaunch"/> into a child process.
/// </summary>
public sealed record LaunchPlan(string File, IReadOnlyList<NodeLaunch> Nodes, IReadOnlyList<LaunchArgument> Arguments)
{
    public IReadOnlyList<NodeLaunch> Nodes { get; init => field = ValueList<NodeLaunch>.From(value); } =
        ValueList<NodeLaunch>.From(Nodes);

    /// <summary>Every declaration processed, in order: the root file's and those of included files.</summary>
    public IReadOnlyList<LaunchArgument> Arguments { get; init => field = ValueList<LaunchArgument>.From(value); } =
        ValueList<LaunchArgument>.From(Arguments);

    /// <summary>Final values of the arguments the root file declares: what a user can set with <c>name:=value</c>.</summary>
    public IReadOnlyDictionary<string, string> ArgumentValues =>
        Arguments.Where(a => a.DeclaredAt.File == File)
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
}
