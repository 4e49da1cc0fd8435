namespace Robotics.Launch;

/// <summary>
/// Loads a ROS 2 launch file (launch_xml or launch_yaml) into a <see cref="LaunchPlan"/>. Every problem with the
/// files is a <see cref="LaunchException"/> whose message starts with <c>file:line:</c>.
/// </summary>
public static class LaunchLoader
{
    /// <param name="path">The root launch file; included files are resolved against the including file's directory.</param>
    /// <param name="arguments">Launch arguments as given on a command line (<c>name:=value</c>).</param>
    /// <param name="options">Package and environment lookups; <see cref="LaunchLoaderOptions.Default"/> when null.</param>
    public static LaunchPlan Load(
        string path,
        IReadOnlyDictionary<string, string>? arguments = null,
        LaunchLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new LaunchException($"launch file '{fullPath}' does not exist");
        }

        options ??= LaunchLoaderOptions.Default;
        var context = new LaunchContext(
            options.Packages ?? PackageResolver.ForRepositoryContaining(fullPath),
            options.GetEnvironmentVariable);
        foreach (var (name, value) in arguments ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new LaunchException("launch argument names must not be empty");
            }

            context.Configurations[name] = value ?? string.Empty;
        }

        new LaunchInterpreter(context).RunFile(fullPath, includedFrom: null);
        return new LaunchPlan(fullPath, context.Nodes, context.Arguments);
    }
}
