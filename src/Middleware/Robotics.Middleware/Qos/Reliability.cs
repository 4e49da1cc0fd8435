namespace Robotics.Middleware.Qos;

/// <summary>rmw_qos_reliability_policy_e; integer values as rosbag2 stores them (FORMATS.md).</summary>
public enum Reliability
{
    SystemDefault = 0,
    Reliable = 1,
    BestEffort = 2,
}
