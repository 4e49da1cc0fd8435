namespace Robotics.Middleware.Qos;

/// <summary>rmw_qos_durability_policy_e: transient-local keeps the last samples for late joiners (latching).</summary>
public enum Durability
{
    SystemDefault = 0,
    TransientLocal = 1,
    Volatile = 2,
}
