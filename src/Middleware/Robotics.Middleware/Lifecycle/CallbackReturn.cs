namespace Robotics.Middleware.Lifecycle;

/// <summary>What a transition callback reports (rclcpp_lifecycle CallbackReturn).</summary>
public enum CallbackReturn
{
    Success,
    Failure,
    Error,
}
