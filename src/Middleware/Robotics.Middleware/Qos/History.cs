namespace Robotics.Middleware.Qos;

/// <summary>rmw_qos_history_policy_e.</summary>
public enum History
{
    SystemDefault = 0,
    KeepLast = 1,
    KeepAll = 2,
}
