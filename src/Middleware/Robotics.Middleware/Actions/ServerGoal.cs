using BuiltinTime = Robotics.Messages.BuiltinInterfaces.Time;

namespace Robotics.Middleware.Actions;

/// <summary>
/// One accepted goal as its execute callback sees it (rclcpp ServerGoalHandle): the goal, a way to publish feedback,
/// and whether a cancel was accepted. The execute callback's return value is the result; see
/// <see cref="ActionServer{TGoal, TResult, TFeedback}"/> for how the final status is chosen.
/// </summary>
// A CancellationTokenSource without CancelAfter holds no timer or wait handle unless WaitHandle is read, so it needs no
// Dispose; disposing it would break callers still holding the token after the goal ended.
#pragma warning disable CA1001
public sealed class ServerGoal<TGoal, TFeedback>
#pragma warning restore CA1001
{
    private readonly Action<GoalId, TFeedback> _publishFeedback;
    private readonly CancellationTokenSource _cancel = new();
    private int _status = (int)GoalStatusCode.Accepted;
    private int _aborted;
    private int _canceledByServer;

    internal ServerGoal(GoalId id, TGoal goal, BuiltinTime acceptedAt, Action<GoalId, TFeedback> publishFeedback)
    {
        Id = id;
        Goal = goal;
        AcceptedAt = acceptedAt;
        _publishFeedback = publishFeedback;
    }

    public GoalId Id { get; }

    public TGoal Goal { get; }

    /// <summary>When the server accepted the goal (the stamp in the send_goal response and in status).</summary>
    public BuiltinTime AcceptedAt { get; }

    public GoalStatusCode Status => (GoalStatusCode)Volatile.Read(ref _status);

    /// <summary>A cancel request for this goal was accepted: stop soon and return (or throw OperationCanceledException).</summary>
    public bool IsCancelRequested => _cancel.IsCancellationRequested;

    /// <summary>Cancelled when a cancel request for this goal is accepted (also passed to the execute callback).</summary>
    public CancellationToken CancellationToken => _cancel.Token;

    /// <summary>Why the server aborted or canceled the goal itself (logged).</summary>
    internal string? AbortReason { get; private set; }

    internal bool IsAborted => Volatile.Read(ref _aborted) != 0;

    /// <summary>Publishes feedback for this goal; ignored once the goal has finished.</summary>
    public void PublishFeedback(TFeedback feedback)
    {
        if (!Status.IsTerminal())
        {
            _publishFeedback(Id, feedback);
        }
    }

    /// <summary>Ends the goal as ABORTED when the execute callback returns (its return value is still the result).</summary>
    public void Abort(string reason)
    {
        AbortReason = reason;
        Volatile.Write(ref _aborted, 1);
    }

    /// <summary>
    /// Ends the goal as CANCELED when the execute callback returns, without a client's request: what a controller does
    /// to a goal that a newer goal preempts (joint_trajectory_controller).
    /// </summary>
    public void Canceled(string reason)
    {
        AbortReason = reason;
        Volatile.Write(ref _canceledByServer, 1);
    }

    internal bool IsCanceledByServer => Volatile.Read(ref _canceledByServer) != 0;

    internal void SetStatus(GoalStatusCode status) => Volatile.Write(ref _status, (int)status);

    internal void RequestCancel() => _cancel.Cancel();
}
