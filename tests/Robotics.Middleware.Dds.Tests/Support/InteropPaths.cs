namespace Robotics.Middleware.Dds.Tests.Support;

/// <summary>Where the test peers' sources live: tests/interop/dds in this checkout, and the shared conformance peer.</summary>
internal static class InteropPaths
{
    /// <summary>The checkout the tests run from (the folder holding Robotics.sln).</summary>
    public static string RepositoryRoot { get; } = FindUp(dir => File.Exists(Path.Combine(dir, "Robotics.sln")))
        ?? throw new InvalidOperationException("Robotics.sln not found above " + AppContext.BaseDirectory);

    /// <summary>Our idlc-based byte-exactness peer (tests/interop/dds/build.sh).</summary>
    public static string InteropPeerSources => Path.Combine(RepositoryRoot, "tests", "interop", "dds");

    /// <summary>
    /// The independent std_msgs/String peer (shared/conformance/ros2-peer, ROS2_WIRE.md "Conformance checks"). It lives
    /// beside the checkout, not in it, so it is found by walking up (or named by ROBOTICS_ROS2_PEER_DIR).
    /// </summary>
    public static string ConformancePeerSources =>
        Environment.GetEnvironmentVariable("ROBOTICS_ROS2_PEER_DIR") is { Length: > 0 } configured ? configured
        : FindUp(dir => File.Exists(Path.Combine(dir, "shared", "conformance", "ros2-peer", "build.sh"))) is { } root ? Path.Combine(root, "shared", "conformance", "ros2-peer")
        : throw new InvalidOperationException("shared/conformance/ros2-peer not found above " + AppContext.BaseDirectory + "; set ROBOTICS_ROS2_PEER_DIR");

    private static string? FindUp(Func<string, bool> holds)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (holds(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
