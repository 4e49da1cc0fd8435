namespace Robotics.Middleware.Execution;

/// <summary>
/// As in rclcpp: callbacks of a mutually exclusive group never run at the same time, even on a multi-threaded
/// executor; a reentrant group allows it. Each node's default group is mutually exclusive.
/// </summary>
public sealed class CallbackGroup(bool reentrant = false)
{
    internal Lock Gate { get; } = new();

    public bool Reentrant { get; } = reentrant;
}
