namespace Robotics.Middleware.Actions;

/// <summary>
/// The three services and two topics an action is made of (rcl_action names.c): for action <c>/arm/follow</c>,
/// <c>/arm/follow/_action/send_goal</c> and so on. The DDS transport mangles them like any other service or topic.
/// </summary>
public static class ActionNames
{
    public const string Infix = "/_action/";

    public static string SendGoal(string action) => action + Infix + "send_goal";

    public static string CancelGoal(string action) => action + Infix + "cancel_goal";

    public static string GetResult(string action) => action + Infix + "get_result";

    public static string Feedback(string action) => action + Infix + "feedback";

    public static string Status(string action) => action + Infix + "status";

    /// <summary>The action a topic or service belongs to (<c>/arm/follow</c> for <c>/arm/follow/_action/status</c>), or null.</summary>
    public static string? ActionOf(string topicOrService)
    {
        var at = topicOrService.LastIndexOf(Infix, StringComparison.Ordinal);
        return at > 0 && topicOrService.IndexOf('/', at + Infix.Length) < 0 ? topicOrService[..at] : null;
    }
}
