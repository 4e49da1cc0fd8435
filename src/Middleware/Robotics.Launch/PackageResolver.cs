namespace Robotics.Launch;

/// <summary>
/// Answers <c>$(find-pkg-share PACKAGE)</c>. ROS 2 asks the ament index; this stack has one "package", the repository
/// itself, so the default maps <see cref="RepositoryPackage"/> to the directory holding <c>Robotics.sln</c>.
/// </summary>
public sealed class PackageResolver
{
    /// <summary>The package name under which launch files refer to this repository.</summary>
    public const string RepositoryPackage = "robotics";

    private const string SolutionFileName = "Robotics.sln";

    private readonly Dictionary<string, string> _shareDirectories;

    public PackageResolver(IReadOnlyDictionary<string, string> shareDirectories)
    {
        ArgumentNullException.ThrowIfNull(shareDirectories);
        _shareDirectories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (package, directory) in shareDirectories)
        {
            ArgumentException.ThrowIfNullOrEmpty(package);
            ArgumentException.ThrowIfNullOrEmpty(directory);
            _shareDirectories.Add(package, Path.GetFullPath(directory));
        }
    }

    public IReadOnlyCollection<string> KnownPackages => _shareDirectories.Keys;

    /// <summary>
    /// Maps <see cref="RepositoryPackage"/> to the first directory at or above <paramref name="path"/> that holds
    /// Robotics.sln; knows no package when there is none (then every lookup fails with the list of known packages).
    /// </summary>
    public static PackageResolver ForRepositoryContaining(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var directory = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full).Directory;
        for (; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return new PackageResolver(new Dictionary<string, string> { [RepositoryPackage] = directory.FullName });
            }
        }

        return new PackageResolver(new Dictionary<string, string>());
    }

    public bool TryGetShareDirectory(string package, out string directory)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (_shareDirectories.TryGetValue(package, out var found))
        {
            directory = found;
            return true;
        }

        directory = string.Empty;
        return false;
    }
}
