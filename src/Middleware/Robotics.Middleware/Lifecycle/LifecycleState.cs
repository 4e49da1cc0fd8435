namespace Robotics.Middleware.Lifecycle;

/// <summary>Primary and transition states of a managed node, with lifecycle_msgs/State ids.</summary>
public enum LifecycleState : byte
{
    Unknown = 0,
    Unconfigured = 1,
    Inactive = 2,
    Active = 3,
    Finalized = 4,
    Configuring = 10,
    CleaningUp = 11,
    ShuttingDown = 12,
    Activating = 13,
    Deactivating = 14,
    ErrorProcessing = 15,
}
