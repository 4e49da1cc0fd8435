namespace Robotics.Middleware.Actions;

/// <summary>A goal's state: the values of <c>action_msgs/GoalStatus</c> (the same numbers on the wire).</summary>
public enum GoalStatusCode : sbyte
{
    Unknown = 0,
    Accepted = 1,
    Executing = 2,
    Canceling = 3,
    Succeeded = 4,
    Canceled = 5,
    Aborted = 6,
}

public static class GoalStatusCodeExtensions
{
    /// <summary>Succeeded, canceled or aborted: the goal will not change again and its result is final.</summary>
    public static bool IsTerminal(this GoalStatusCode status) => status >= GoalStatusCode.Succeeded;
}

/// <summary>How a goal ended and what it produced.</summary>
public readonly record struct ActionResult<TResult>(GoalStatusCode Status, TResult Result);
