using Robotics.Messages;
using Robotics.Messages.ActionMsgs;
using Robotics.Messages.Actions;
using Robotics.Messages.UniqueIdentifierMsgs;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Robotics.Middleware.Transport;
using BuiltinTime = Robotics.Messages.BuiltinInterfaces.Time;

namespace Robotics.Middleware.Actions;

/// <summary>
/// Serves one action (rclcpp_action Server) over three services and two topics (<see cref="ActionNames"/>), so it
/// works on every transport and a ROS 2 <c>ros2 action send_goal</c> can drive it over DDS.
/// <para>
/// Goal and cancel requests are decided on the node's executor; each accepted goal then runs its execute callback on
/// the thread pool. How the goal ends: <see cref="ServerGoal{TGoal, TFeedback}.Abort"/> was called → ABORTED; a cancel
/// was accepted (or <see cref="ServerGoal{TGoal, TFeedback}.Canceled"/> called) and the callback returned or threw
/// <see cref="OperationCanceledException"/> → CANCELED; any other
/// exception → ABORTED (logged); otherwise SUCCEEDED. get_result requests for a running goal are answered when it
/// ends; finished goals are forgotten after <see cref="ActionServerOptions{TGoal, TFeedback}.ResultTimeout"/>.
/// </para>
/// The server lives as long as its node; disposing it cancels running goals and rejects new ones.
/// </summary>
public sealed class ActionServer<TGoal, TResult, TFeedback> : IDisposable
    where TGoal : class, IRosMessage<TGoal>, IActionGoal<TGoal, TResult, TFeedback>
    where TResult : class, IRosMessage<TResult>, new()
    where TFeedback : class, IRosMessage<TFeedback>
{
    private readonly Node _node;
    private readonly Func<ServerGoal<TGoal, TFeedback>, CancellationToken, Task<TResult>> _execute;
    private readonly ActionServerOptions<TGoal, TFeedback> _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<GoalId, GoalRecord> _goals = [];
    private readonly Publisher<GoalStatusArray> _status;
    private readonly IWire _wire;
    private int _disposed;

    internal ActionServer(Node node, string name, Func<ServerGoal<TGoal, TFeedback>, CancellationToken, Task<TResult>> execute, ActionServerOptions<TGoal, TFeedback>? options)
    {
        ArgumentNullException.ThrowIfNull(execute);
        _node = node;
        _execute = execute;
        _options = options ?? new ActionServerOptions<TGoal, TFeedback>();
        Name = node.ResolveName(name);

        // rcl_action_qos_profile_status_default: reliable, transient local, keep last 1, so a late client sees the state.
        _status = node.CreatePublisher<GoalStatusArray>(ActionNames.Status(Name), QosProfile.Latched);
        _wire = TGoal.VisitWire(new WireFactory(this));
        node.CreateService<CancelGoalRequest, CancelGoalResponse>(ActionNames.CancelGoal(Name), OnCancelRequest);
    }

    /// <summary>The fully expanded action name, e.g. <c>/arm_controller/follow_joint_trajectory</c>.</summary>
    public string Name { get; }

    /// <summary>Goals the server still remembers (running, or finished within the result timeout).</summary>
    public IReadOnlyList<(GoalId Id, GoalStatusCode Status)> Goals
    {
        get
        {
            lock (_lock)
            {
                return [.. _goals.Values.Select(g => (g.Handle.Id, g.Handle.Status))];
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        List<ServerGoal<TGoal, TFeedback>> running;
        lock (_lock)
        {
            running = [.. _goals.Values.Select(g => g.Handle).Where(h => !h.Status.IsTerminal())];
        }

        foreach (var goal in running)
        {
            goal.RequestCancel();
        }
    }

    private (bool Accepted, BuiltinTime Stamp) OnGoalRequest(UUID rawId, TGoal goal)
    {
        var now = _node.Now();
        if (Volatile.Read(ref _disposed) != 0)
        {
            return (false, now);
        }

        if (!GoalId.TryFrom(rawId, out var id))
        {
            _node.Logger.Warn($"action {Name}: rejected a goal whose UUID is not 16 bytes ({rawId?.Uuid?.Length ?? 0})");
            return (false, now);
        }

        if (!Decide(_options.AcceptGoal, goal, $"goal {id}"))
        {
            _node.Logger.Info($"action {Name}: goal {id} rejected");
            return (false, now);
        }

        var record = new GoalRecord(new ServerGoal<TGoal, TFeedback>(id.Value, goal, now, _wire.PublishFeedback));
        lock (_lock)
        {
            if (!_goals.TryAdd(id.Value, record))
            {
                _node.Logger.Warn($"action {Name}: rejected goal {id}: a goal with this id already exists");
                return (false, now);
            }

            PublishStatusLocked();
        }

        _ = Task.Run(() => RunAsync(record));
        return (true, now);
    }

    private async Task RunAsync(GoalRecord record)
    {
        var goal = record.Handle;
        lock (_lock)
        {
            if (goal.Status == GoalStatusCode.Accepted)
            {
                goal.SetStatus(GoalStatusCode.Executing);
                PublishStatusLocked();
            }
        }

        TResult result;
        GoalStatusCode final;
        try
        {
            result = await _execute(goal, goal.CancellationToken).ConfigureAwait(false) ?? new TResult();
            final = goal.IsAborted ? GoalStatusCode.Aborted
                // CANCELING is set (under the lock) before the token is cancelled: an execute callback that saw the
                // status and returned must still end CANCELED.
                : goal.IsCancelRequested || goal.IsCanceledByServer || goal.Status == GoalStatusCode.Canceling ? GoalStatusCode.Canceled
                : GoalStatusCode.Succeeded;
        }
        catch (OperationCanceledException) when (goal.IsCancelRequested)
        {
            (result, final) = (new TResult(), GoalStatusCode.Canceled);
        }
#pragma warning disable CA1031 // A failing goal must end as ABORTED and be reported, never take the process down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _node.Logger.Error($"action {Name}: goal {goal.Id} failed: {e.GetType().Name}: {e.Message}");
            (result, final) = (new TResult(), GoalStatusCode.Aborted);
        }

        if (final is GoalStatusCode.Aborted or GoalStatusCode.Canceled && goal.AbortReason is { } reason)
        {
            _node.Logger.Warn($"action {Name}: goal {goal.Id} {(final == GoalStatusCode.Aborted ? "aborted" : "canceled")}: {reason}");
        }

        RequestId[] waiting;
        lock (_lock)
        {
            record.Result = result;
            record.EndedAt = _node.Clock.GetUtcNow();
            goal.SetStatus(final);
            waiting = [.. record.Waiting];
            record.Waiting.Clear();
            PublishStatusLocked();
        }

        foreach (var request in waiting)
        {
            _wire.ReplyResult(request, final, result);
        }
    }

    /// <summary>Null when the goal is still running: the reply is sent when it ends.</summary>
    private ActionResult<TResult>? OnResultRequest(RequestId request, UUID rawId)
    {
        lock (_lock)
        {
            if (!GoalId.TryFrom(rawId, out var id) || !_goals.TryGetValue(id.Value, out var record))
            {
                return new ActionResult<TResult>(GoalStatusCode.Unknown, new TResult());
            }

            if (record.Result is { } result)
            {
                return new ActionResult<TResult>(record.Handle.Status, result);
            }

            record.Waiting.Add(request);
            return null;
        }
    }

    /// <summary>
    /// action_msgs/CancelGoal: a zero id and zero stamp cancel every goal; a zero id and a stamp cancel goals accepted
    /// at or before it; an id cancels that goal (and, with a stamp, also those before it). Return codes follow
    /// rcl_action_process_cancel_request and rclcpp (every candidate refused → ERROR_REJECTED).
    /// </summary>
    private CancelGoalResponse OnCancelRequest(CancelGoalRequest request)
    {
        var response = new CancelGoalResponse();
        if (!GoalId.TryFrom(request.GoalInfo?.GoalId, out var id))
        {
            _node.Logger.Warn($"action {Name}: rejected a cancel request whose UUID is not 16 bytes");
            response.ReturnCode = CancelGoalResponse.ERROR_REJECTED;
            return response;
        }

        var stampNs = RosTime.ToNanoseconds(request.GoalInfo!.Stamp);
        List<ServerGoal<TGoal, TFeedback>> candidates;
        lock (_lock)
        {
            if (!id.Value.IsZero && stampNs == 0)
            {
                if (!_goals.TryGetValue(id.Value, out var only))
                {
                    response.ReturnCode = CancelGoalResponse.ERROR_UNKNOWN_GOAL_ID;
                    return response;
                }

                if (only.Handle.Status.IsTerminal())
                {
                    response.ReturnCode = CancelGoalResponse.ERROR_GOAL_TERMINATED;
                    return response;
                }
            }

            candidates = [.. _goals.Values.Select(g => g.Handle).Where(g => !g.Status.IsTerminal() &&
                ((id.Value.IsZero && stampNs == 0) || g.Id == id.Value || (stampNs != 0 && RosTime.ToNanoseconds(g.AcceptedAt) <= stampNs)))];
        }

        var canceling = candidates.Where(goal => Decide(_options.AcceptCancel, goal, $"cancel of goal {goal.Id}")).ToList();
        lock (_lock)
        {
            canceling.RemoveAll(goal => goal.Status.IsTerminal());
            foreach (var goal in canceling)
            {
                goal.SetStatus(GoalStatusCode.Canceling);
            }

            if (canceling.Count > 0)
            {
                PublishStatusLocked();
            }
        }

        foreach (var goal in canceling)
        {
            goal.RequestCancel();
        }

        response.GoalsCanceling = [.. canceling.Select(g => new GoalInfo { GoalId = g.Id.ToMessage(), Stamp = g.AcceptedAt })];
        response.ReturnCode = candidates.Count > 0 && canceling.Count == 0 ? CancelGoalResponse.ERROR_REJECTED : CancelGoalResponse.ERROR_NONE;
        return response;
    }

    /// <summary>Runs a user decision callback; one that throws counts as a refusal and is logged.</summary>
    private bool Decide<T>(Func<T, bool>? callback, T argument, string what)
    {
        try
        {
            return callback?.Invoke(argument) ?? true;
        }
#pragma warning disable CA1031 // A throwing accept callback refuses the request; the server keeps serving.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _node.Logger.Error($"action {Name}: deciding on {what} threw {e.GetType().Name}: {e.Message}; refused");
            return false;
        }
    }

    // Under _lock, so status arrays go out in the order the states changed.
    private void PublishStatusLocked()
    {
        var now = _node.Clock.GetUtcNow();
        foreach (var (id, record) in _goals.Where(g => g.Value.EndedAt + _options.ResultTimeout < now).ToList())
        {
            _goals.Remove(id);
        }

        _status.Publish(new GoalStatusArray
        {
            StatusList = [.. _goals.Values.Select(g => new GoalStatus
            {
                GoalInfo = new GoalInfo { GoalId = g.Handle.Id.ToMessage(), Stamp = g.Handle.AcceptedAt },
                Status = (sbyte)g.Handle.Status,
            })],
        });
    }

    private sealed class GoalRecord(ServerGoal<TGoal, TFeedback> handle)
    {
        public ServerGoal<TGoal, TFeedback> Handle { get; } = handle;

        public TResult? Result { get; set; }

        public DateTimeOffset? EndedAt { get; set; }

        public List<RequestId> Waiting { get; } = [];
    }

    /// <summary>The part that needs the action's concrete wire types (created through IActionGoal.VisitWire).</summary>
    private interface IWire
    {
        void PublishFeedback(GoalId id, TFeedback feedback);

        void ReplyResult(RequestId request, GoalStatusCode status, TResult result);
    }

    private sealed class WireFactory(ActionServer<TGoal, TResult, TFeedback> server) : IActionWireVisitor<TGoal, TResult, TFeedback, IWire>
    {
        public IWire Visit<TGoalRequest, TGoalResponse, TResultRequest, TResultResponse, TFeedbackMessage>()
            where TGoalRequest : class, IRosMessage<TGoalRequest>, IGoalRequest<TGoal>, new()
            where TGoalResponse : class, IRosMessage<TGoalResponse>, IGoalResponse, new()
            where TResultRequest : class, IRosMessage<TResultRequest>, IResultRequest, new()
            where TResultResponse : class, IRosMessage<TResultResponse>, IResultResponse<TResult>, new()
            where TFeedbackMessage : class, IRosMessage<TFeedbackMessage>, IFeedbackMessage<TFeedback>, new() =>
            new Wire<TGoalRequest, TGoalResponse, TResultRequest, TResultResponse, TFeedbackMessage>(server);
    }

    private sealed class Wire<TGoalRequest, TGoalResponse, TResultRequest, TResultResponse, TFeedbackMessage> : IWire
        where TGoalRequest : class, IRosMessage<TGoalRequest>, IGoalRequest<TGoal>, new()
        where TGoalResponse : class, IRosMessage<TGoalResponse>, IGoalResponse, new()
        where TResultRequest : class, IRosMessage<TResultRequest>, IResultRequest, new()
        where TResultResponse : class, IRosMessage<TResultResponse>, IResultResponse<TResult>, new()
        where TFeedbackMessage : class, IRosMessage<TFeedbackMessage>, IFeedbackMessage<TFeedback>, new()
    {
        private readonly Publisher<TFeedbackMessage> _feedback;
        private readonly Services.ServiceServer<TResultRequest, TResultResponse> _results;

        public Wire(ActionServer<TGoal, TResult, TFeedback> server)
        {
            var node = server._node;
            _feedback = node.CreatePublisher<TFeedbackMessage>(ActionNames.Feedback(server.Name));
            node.CreateService<TGoalRequest, TGoalResponse>(ActionNames.SendGoal(server.Name), request =>
            {
                var (accepted, stamp) = server.OnGoalRequest(request.GoalId, request.Goal);
                return new TGoalResponse { Accepted = accepted, Stamp = stamp };
            });
            _results = node.CreateDeferredService<TResultRequest, TResultResponse>(ActionNames.GetResult(server.Name), (id, request) =>
                server.OnResultRequest(id, request.GoalId) is { } done ? Response(done.Status, done.Result) : null);
        }

        public void PublishFeedback(GoalId id, TFeedback feedback) =>
            _feedback.Publish(new TFeedbackMessage { GoalId = id.ToMessage(), Feedback = feedback });

        public void ReplyResult(RequestId request, GoalStatusCode status, TResult result) => _results.Reply(request, Response(status, result));

        private static TResultResponse Response(GoalStatusCode status, TResult result) => new() { Status = (sbyte)status, Result = result };
    }
}
