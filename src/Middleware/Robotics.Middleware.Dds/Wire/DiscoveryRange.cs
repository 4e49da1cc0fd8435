namespace Robotics.Middleware.Dds.Wire;

/// <summary>rmw_automatic_discovery_range_t.</summary>
public enum DiscoveryRange
{
    SystemDefault,
    Off,
    Localhost,
    Subnet,
}
