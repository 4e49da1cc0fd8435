namespace Robotics.Middleware.Lifecycle;

/// <summary>The transitions a user can request, with lifecycle_msgs/Transition ids.</summary>
public enum LifecycleTransition : byte
{
    Configure = 1,
    Cleanup = 2,
    Activate = 3,
    Deactivate = 4,
    UnconfiguredShutdown = 5,
    InactiveShutdown = 6,
    ActiveShutdown = 7,
}
