namespace Robotics.Launch;

/// <summary>
/// The state launch keeps while it runs a file: launch configurations (arguments and <c>let</c> values), the ROS
/// namespace pushed so far and the <c>set_remap</c> rules. launch_ros stores the last two as launch configurations, so
/// a scoped group saves and restores all three together, and an include, which launch does not scope, leaks them.
/// </summary>
internal sealed class LaunchContext(PackageResolver packages, Func<string, string?> getEnvironmentVariable)
{
    public PackageResolver Packages { get; } = packages;

    public Dictionary<string, string> Configurations { get; private set; } = new(StringComparer.Ordinal);

    public string? RosNamespace { get; set; }

    public List<Remap> GlobalRemaps { get; private set; } = [];

    public string CurrentFile { get; set; } = string.Empty;

    /// <summary>Files being run, outermost first, with the include that brought each in (for cycles and messages).</summary>
    public List<(string File, SourceLocation? IncludedFrom)> FileStack { get; } = [];

    public List<NodeLaunch> Nodes { get; } = [];

    public List<LaunchArgument> Arguments { get; } = [];

    public string? GetConfiguration(string name) => Configurations.GetValueOrDefault(name);

    public string? GetEnvironmentVariable(string name) => getEnvironmentVariable(name);

    public Scope Save() => new(new Dictionary<string, string>(Configurations, StringComparer.Ordinal), RosNamespace, [.. GlobalRemaps]);

    public void Restore(Scope scope)
    {
        Configurations = scope.Configurations;
        RosNamespace = scope.RosNamespace;
        GlobalRemaps = scope.GlobalRemaps;
    }

    /// <summary>The attribute's text with substitutions done, or null when absent.</summary>
    public string? Text(LaunchEntity entity, string attribute)
    {
        var raw = entity.GetText(attribute);
        return raw is null ? null : Substitute(raw, entity.LocationOf(attribute));
    }

    public string RequiredText(LaunchEntity entity, string attribute) =>
        Text(entity, attribute) ?? throw new LaunchException(entity.Location, $"'{entity.TypeName}' needs attribute '{attribute}'");

    public string Substitute(string raw, SourceLocation location) =>
        SubstitutionTemplate.Parse(raw, location).Evaluate(this, location);

    /// <summary>launch's condition and flag rule: after substitution, true/1 or false/0 in any case, else an error.</summary>
    public bool Flag(LaunchEntity entity, string attribute, bool defaultValue)
    {
        var text = Text(entity, attribute);
        if (text is null)
        {
            return defaultValue;
        }

        return text.Trim().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw new LaunchException(entity.LocationOf(attribute),
                $"'{attribute}' of '{entity.TypeName}' evaluated to '{text}'; expected true, false, 1 or 0"),
        };
    }

    /// <summary>Resolves a path written in the current file against that file's directory.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, Path.GetDirectoryName(CurrentFile) ?? "/");

    internal sealed record Scope(Dictionary<string, string> Configurations, string? RosNamespace, List<Remap> GlobalRemaps);
}
