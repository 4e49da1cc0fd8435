namespace Robotics.Middleware.Qos;

/// <summary>rmw_qos_liveliness_policy_e.</summary>
public enum Liveliness
{
    SystemDefault = 0,
    Automatic = 1,
    ManualByTopic = 3,
}
