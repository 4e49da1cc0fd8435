namespace Robotics.Middleware.Dds.Wire;

/// <summary>
/// What differs on the wire between the ROS 2 distributions we talk to (ROS2_WIRE.md "Participant and graph"): the
/// Gid in <c>ros_discovery_info</c> is 24 bytes on Humble and 16 from Iron on; Jazzy puts the RIHS01 type hash in
/// endpoint USER_DATA (Humble has none). Chosen by <c>ROBOTICS_ROS_DISTRO</c> (or <c>ROS_DISTRO</c>), Jazzy by default.
/// </summary>
public sealed record DistroProfile(string Name, int GidSize, bool TypeHashInUserData)
{
    public static DistroProfile Humble { get; } = new("humble", 24, TypeHashInUserData: false);

    public static DistroProfile Jazzy { get; } = new("jazzy", 16, TypeHashInUserData: true);

    public static DistroProfile Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "jazzy" or "kilted" or "iron" or "rolling" => Jazzy,
        "humble" => Humble,
        _ => throw new ArgumentException($"unknown ROS distro profile '{name}': use humble or jazzy (iron, kilted and rolling speak as jazzy)", nameof(name)),
    };

    public static DistroProfile FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable("ROBOTICS_ROS_DISTRO") ?? Environment.GetEnvironmentVariable("ROS_DISTRO"));
}
