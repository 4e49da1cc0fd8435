using BuiltinTime = Robotics.Messages.BuiltinInterfaces.Time;

namespace Robotics.Middleware.Actions;

/// <summary>A goal sent by an <see cref="ActionClient{TGoal, TResult, TFeedback}"/> (rclcpp ClientGoalHandle).</summary>
public sealed class ClientGoal<TResult>
{
    private readonly Func<GoalId, CancellationToken, Task<ActionResult<TResult>>> _getResult;
    private readonly Func<GoalId, CancellationToken, Task<bool>> _cancel;

    internal ClientGoal(GoalId id, bool accepted, BuiltinTime stamp, Func<GoalId, CancellationToken, Task<ActionResult<TResult>>> getResult, Func<GoalId, CancellationToken, Task<bool>> cancel)
    {
        Id = id;
        Accepted = accepted;
        Stamp = stamp;
        _getResult = getResult;
        _cancel = cancel;
    }

    public GoalId Id { get; }

    /// <summary>False when the server rejected the goal; it then has no result and cannot be canceled.</summary>
    public bool Accepted { get; }

    /// <summary>When the server accepted (or rejected) the goal, by the server's clock.</summary>
    public BuiltinTime Stamp { get; }

    /// <summary>Waits for the goal to end; the status says how (succeeded, canceled, aborted).</summary>
    public Task<ActionResult<TResult>> GetResultAsync(CancellationToken cancellationToken = default) =>
        Accepted ? _getResult(Id, cancellationToken) : throw new InvalidOperationException($"goal {Id} was rejected by the server: it has no result");

    /// <summary>Asks the server to cancel this goal; true when the server accepted the cancel (the goal is now CANCELING).</summary>
    public Task<bool> CancelAsync(CancellationToken cancellationToken = default) =>
        Accepted ? _cancel(Id, cancellationToken) : throw new InvalidOperationException($"goal {Id} was rejected by the server: there is nothing to cancel");
}
