namespace Robotics.Launch;

/// <summary>What a launch file may look up outside itself; injected so tests control packages and environment.</summary>
public sealed record LaunchLoaderOptions
{
    public static LaunchLoaderOptions Default { get; } = new();

    /// <summary>Null: package <c>robotics</c> is the repository above the root launch file (see <see cref="PackageResolver"/>).</summary>
    public PackageResolver? Packages { get; init; }

    /// <summary>Reads an environment variable for <c>$(env)</c> and <c>$(optenv)</c>; null when unset.</summary>
    public Func<string, string?> GetEnvironmentVariable
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(value));
    } = Environment.GetEnvironmentVariable;
}
