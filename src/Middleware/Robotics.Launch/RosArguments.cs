namespace Robotics.Launch;

/// <summary>
/// The ROS part of a node's command line (ROS 2 design "ROS Command Line Arguments", as rcl_parse_arguments reads it):
/// everything between <c>--ros-args</c> and <c>--</c> or the end, in as many such sections as given. The rest are the
/// program's own arguments, kept in <see cref="NonRosArguments"/>.
/// </summary>
public sealed record RosArguments
{
    public static RosArguments Empty { get; } = new();

    /// <summary>Arguments outside every <c>--ros-args</c> section, in order.</summary>
    public IReadOnlyList<string> NonRosArguments { get; init => field = ValueList<string>.From(value); } = ValueList<string>.Empty;

    /// <summary><c>-r</c> rules in order, including <c>__node</c> and <c>__ns</c>.</summary>
    public IReadOnlyList<Remap> Remaps { get; init => field = ValueList<Remap>.From(value); } = ValueList<Remap>.Empty;

    /// <summary>
    /// <c>-p</c> overrides (<see cref="ParameterOverride"/>) and <c>--params-file</c> files (<see cref="ParameterFile"/>)
    /// in command-line order, because rcl merges them in that order.
    /// </summary>
    public IReadOnlyList<IParameterSource> ParameterSources { get; init => field = ValueList<IParameterSource>.From(value); } =
        ValueList<IParameterSource>.Empty;

    public IReadOnlyList<LogLevelSetting> LogLevels { get; init => field = ValueList<LogLevelSetting>.From(value); } =
        ValueList<LogLevelSetting>.Empty;

    /// <summary>The security enclave (<c>-e</c>), kept so it can be passed on.</summary>
    public string? Enclave { get; init; }

    public IEnumerable<ParameterOverride> ParameterOverrides => ParameterSources.OfType<ParameterOverride>();

    public IEnumerable<ParameterFile> ParamsFiles => ParameterSources.OfType<ParameterFile>();

    /// <summary>The node name set by an untargeted <c>__node:=</c> rule (the last one wins, as in rcl), or null.</summary>
    public string? NodeName => Remaps.LastOrDefault(r => r.NodeName is null && r.IsNodeNameRule)?.To;

    /// <summary>The namespace set by an untargeted <c>__ns:=</c> rule, or null.</summary>
    public string? Namespace => Remaps.LastOrDefault(r => r.NodeName is null && r.IsNamespaceRule)?.To;

    /// <summary>The parameters a node with this fully-qualified name gets from these arguments.</summary>
    public IReadOnlyList<Parameter> ParametersFor(string fullyQualifiedNodeName) =>
        ParameterResolver.Resolve(ParameterSources, fullyQualifiedNodeName);

    /// <summary>
    /// Parses a whole command line. <c>--params-file</c> files are read now, as rcl does at init, so a bad file fails here.
    /// </summary>
    public static RosArguments Parse(IReadOnlyList<string> args) => RosArgumentsParser.Parse(args);

    /// <summary>
    /// Renders a command line that <see cref="Parse"/> reads back as equal arguments: the program's own arguments,
    /// then one <c>--ros-args</c> section (omitted when there is nothing ROS-specific).
    /// </summary>
    public IReadOnlyList<string> ToArgs()
    {
        var args = new List<string>(NonRosArguments);
        if (Remaps.Count == 0 && ParameterSources.Count == 0 && LogLevels.Count == 0 && Enclave is null)
        {
            return args;
        }

        args.Add(RosArgumentsParser.RosArgsFlag);
        foreach (var remap in Remaps)
        {
            args.Add("-r");
            args.Add(remap.ToString());
        }

        foreach (var source in ParameterSources)
        {
            switch (source)
            {
                case ParameterOverride parameter:
                    args.Add("-p");
                    args.Add(parameter.ToRule());
                    break;
                case ParameterFile file:
                    args.Add("--params-file");
                    args.Add(file.Path);
                    break;
                default:
                    throw new LaunchException(
                        $"a parameter source of type {source.GetType().Name} has no command-line form");
            }
        }

        foreach (var level in LogLevels)
        {
            args.Add("--log-level");
            args.Add(level.ToString());
        }

        if (Enclave is not null)
        {
            args.Add("-e");
            args.Add(Enclave);
        }

        return args;
    }
}
