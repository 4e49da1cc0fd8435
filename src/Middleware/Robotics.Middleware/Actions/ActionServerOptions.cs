namespace Robotics.Middleware.Actions;

/// <summary>Policies of an action server; every member has the rclcpp/rcl_action default.</summary>
public sealed class ActionServerOptions<TGoal, TFeedback>
{
    /// <summary>Decides whether to accept a new goal (runs on the executor). Null accepts every goal.</summary>
    public Func<TGoal, bool>? AcceptGoal { get; init; }

    /// <summary>Decides whether to accept a cancel request for a running goal (executor). Null accepts every cancel.</summary>
    public Func<ServerGoal<TGoal, TFeedback>, bool>? AcceptCancel { get; init; }

    /// <summary>How long a finished goal's result stays available to get_result (rcl_action default: 15 minutes).</summary>
    public TimeSpan ResultTimeout { get; init; } = TimeSpan.FromMinutes(15);
}
