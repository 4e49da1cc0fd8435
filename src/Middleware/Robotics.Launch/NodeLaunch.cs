namespace Robotics.Launch;

/// <summary>
/// One node of a <see cref="LaunchPlan"/>, with every substitution done, the namespace made absolute (group
/// namespaces pushed as launch_ros does), and the parameters already resolved for this node's fully-qualified name.
/// </summary>
public sealed record NodeLaunch
{
    /// <summary>The package, or null when the executable is given without one (launch_ros allows it).</summary>
    public string? Package { get; init; }

    public required string Executable { get; init; }

    /// <summary>The <c>name</c> attribute; null means the node keeps the name its code gives it.</summary>
    public string? Name { get; init; }

    /// <summary>Absolute namespace; "/" when none was given or pushed.</summary>
    public string Namespace { get; init; } = "/";

    /// <summary>Resolved values, each name once, in the order first set (group parameters, then the node's own).</summary>
    public IReadOnlyList<Parameter> Parameters { get; init => field = ValueList<Parameter>.From(value); } = ValueList<Parameter>.Empty;

    /// <summary>Group <c>set_remap</c> rules first, then the node's own <c>remap</c> rules, as launch_ros orders them.</summary>
    public IReadOnlyList<Remap> Remaps { get; init => field = ValueList<Remap>.From(value); } = ValueList<Remap>.Empty;

    /// <summary>Extra program arguments from the <c>args</c> attribute.</summary>
    public IReadOnlyList<string> Arguments { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary>Environment variables from <c>env</c> children, added to the inherited environment.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment
    {
        get;
        init => field = ValueList<KeyValuePair<string, string>>.From(value);
    } = ValueList<KeyValuePair<string, string>>.Empty;

    /// <summary><c>screen</c>, <c>log</c> or <c>both</c> as written; null for launch's default (log).</summary>
    public string? Output { get; init; }

    public bool Respawn { get; init; }

    /// <summary>Seconds to wait before a respawn; null for none.</summary>
    public double? RespawnDelaySeconds { get; init; }

    /// <summary>The <c>node</c> element this came from.</summary>
    public SourceLocation Source { get; init; }

    /// <summary>The name used to resolve parameters: <see cref="Name"/>, else the executable's name.</summary>
    public string EffectiveName => Name ?? Executable;

    public string FullyQualifiedName => RosNames.FullyQualified(Namespace, EffectiveName);

    /// <summary>
    /// The command-line arguments that start this node as a ROS 2 process: the extra arguments, then
    /// <c>--ros-args</c> with <c>__node</c>, <c>__ns</c>, the remaps and one <c>-p</c> per resolved parameter.
    /// </summary>
    public RosArguments ToRosArguments()
    {
        var remaps = new List<Remap>();
        if (Name is not null)
        {
            remaps.Add(new Remap("__node", Name));
        }

        if (Namespace != "/")
        {
            remaps.Add(new Remap("__ns", Namespace));
        }

        remaps.AddRange(Remaps);
        return new RosArguments
        {
            NonRosArguments = Arguments,
            Remaps = remaps,
            ParameterSources = Parameters.Select(p => new ParameterOverride(null, p)).ToList(),
        };
    }
}
