using System.Collections.Concurrent;
using Robotics.Messages;
using Robotics.Messages.ActionMsgs;
using Robotics.Messages.Actions;
using Robotics.Messages.UniqueIdentifierMsgs;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Services;
using Robotics.Middleware.Transport;
using BuiltinTime = Robotics.Messages.BuiltinInterfaces.Time;

namespace Robotics.Middleware.Actions;

/// <summary>
/// Sends goals to an action server (rclcpp_action Client). Like service clients it needs no executor: responses
/// complete tasks directly and feedback callbacks run on the transport's thread (keep them short).
/// </summary>
public sealed class ActionClient<TGoal, TResult, TFeedback>
    where TGoal : class, IRosMessage<TGoal>, IActionGoal<TGoal, TResult, TFeedback>
    where TResult : class, IRosMessage<TResult>, new()
    where TFeedback : class, IRosMessage<TFeedback>
{
    private readonly Node _node;
    private readonly ServiceClient<CancelGoalRequest, CancelGoalResponse> _cancel;
    private readonly ConcurrentDictionary<GoalId, Action<TFeedback>> _feedback = new();
    private readonly IWire _wire;

    internal ActionClient(Node node, string name)
    {
        _node = node;
        Name = node.ResolveName(name);
        _cancel = node.CreateClient<CancelGoalRequest, CancelGoalResponse>(ActionNames.CancelGoal(Name));
        _wire = TGoal.VisitWire(new WireFactory(this));
    }

    /// <summary>The fully expanded action name.</summary>
    public string Name { get; }

    /// <summary>True when a server answers all three of the action's services.</summary>
    public bool IsServerAvailable => _wire.IsAvailable && _cancel.IsServiceAvailable;

    /// <summary>Waits (polling every 10 ms) until a server is matched; false on timeout.</summary>
    public async Task<bool> WaitForServerAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!IsServerAvailable)
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Sends a goal; the returned handle says whether it was accepted. <paramref name="onFeedback"/> receives this
    /// goal's feedback (registered before the goal is sent, so none is missed) until its result has been received.
    /// </summary>
    public async Task<ClientGoal<TResult>> SendGoalAsync(TGoal goal, Action<TFeedback>? onFeedback = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(goal);
        var id = GoalId.NewId();
        if (onFeedback is not null)
        {
            _feedback[id] = onFeedback;
        }

        try
        {
            var (accepted, stamp) = await _wire.SendGoalAsync(id, goal, cancellationToken).ConfigureAwait(false);
            if (!accepted)
            {
                _feedback.TryRemove(id, out _);
            }

            return new ClientGoal<TResult>(id, accepted, stamp, GetResultAsync, CancelGoalAsync);
        }
        catch
        {
            _feedback.TryRemove(id, out _);
            throw;
        }
    }

    /// <summary>Asks the server to cancel every goal (a zero id and zero stamp); returns the goals now canceling.</summary>
    public async Task<IReadOnlyList<GoalId>> CancelAllGoalsAsync(CancellationToken cancellationToken = default)
    {
        var response = await _cancel.CallAsync(new CancelGoalRequest { GoalInfo = new GoalInfo { GoalId = new GoalId(UInt128.Zero).ToMessage() } }, cancellationToken).ConfigureAwait(false);
        return [.. response.GoalsCanceling.Select(g => GoalId.From(g.GoalId))];
    }

    private async Task<ActionResult<TResult>> GetResultAsync(GoalId id, CancellationToken cancellationToken)
    {
        try
        {
            return await _wire.GetResultAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _feedback.TryRemove(id, out _);
        }
    }

    private async Task<bool> CancelGoalAsync(GoalId id, CancellationToken cancellationToken)
    {
        var response = await _cancel.CallAsync(new CancelGoalRequest { GoalInfo = new GoalInfo { GoalId = id.ToMessage() } }, cancellationToken).ConfigureAwait(false);
        return response.ReturnCode == CancelGoalResponse.ERROR_NONE && response.GoalsCanceling.Any(g => GoalId.TryFrom(g.GoalId, out var canceling) && canceling == id);
    }

    private void OnFeedback(UUID rawId, TFeedback feedback)
    {
        if (!GoalId.TryFrom(rawId, out var id) || !_feedback.TryGetValue(id.Value, out var callback))
        {
            return;
        }

        try
        {
            callback(feedback);
        }
#pragma warning disable CA1031 // The callback runs on the transport's thread: an exception there must not end the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _node.Logger.Error($"action client {Name}: feedback callback for goal {id} threw {e.GetType().Name}: {e.Message}");
        }
    }

    private interface IWire
    {
        bool IsAvailable { get; }

        Task<(bool Accepted, BuiltinTime Stamp)> SendGoalAsync(GoalId id, TGoal goal, CancellationToken cancellationToken);

        Task<ActionResult<TResult>> GetResultAsync(GoalId id, CancellationToken cancellationToken);
    }

    private sealed class WireFactory(ActionClient<TGoal, TResult, TFeedback> client) : IActionWireVisitor<TGoal, TResult, TFeedback, IWire>
    {
        public IWire Visit<TGoalRequest, TGoalResponse, TResultRequest, TResultResponse, TFeedbackMessage>()
            where TGoalRequest : class, IRosMessage<TGoalRequest>, IGoalRequest<TGoal>, new()
            where TGoalResponse : class, IRosMessage<TGoalResponse>, IGoalResponse, new()
            where TResultRequest : class, IRosMessage<TResultRequest>, IResultRequest, new()
            where TResultResponse : class, IRosMessage<TResultResponse>, IResultResponse<TResult>, new()
            where TFeedbackMessage : class, IRosMessage<TFeedbackMessage>, IFeedbackMessage<TFeedback>, new() =>
            new Wire<TGoalRequest, TGoalResponse, TResultRequest, TResultResponse, TFeedbackMessage>(client);
    }

    private sealed class Wire<TGoalRequest, TGoalResponse, TResultRequest, TResultResponse, TFeedbackMessage> : IWire, IMessageSink<TFeedbackMessage>
        where TGoalRequest : class, IRosMessage<TGoalRequest>, IGoalRequest<TGoal>, new()
        where TGoalResponse : class, IRosMessage<TGoalResponse>, IGoalResponse, new()
        where TResultRequest : class, IRosMessage<TResultRequest>, IResultRequest, new()
        where TResultResponse : class, IRosMessage<TResultResponse>, IResultResponse<TResult>, new()
        where TFeedbackMessage : class, IRosMessage<TFeedbackMessage>, IFeedbackMessage<TFeedback>, new()
    {
        private readonly ActionClient<TGoal, TResult, TFeedback> _client;
        private readonly ServiceClient<TGoalRequest, TGoalResponse> _sendGoal;
        private readonly ServiceClient<TResultRequest, TResultResponse> _getResult;

        public Wire(ActionClient<TGoal, TResult, TFeedback> client)
        {
            _client = client;
            var node = client._node;
            _sendGoal = node.CreateClient<TGoalRequest, TGoalResponse>(ActionNames.SendGoal(client.Name));
            _getResult = node.CreateClient<TResultRequest, TResultResponse>(ActionNames.GetResult(client.Name));
            node.CreateDirectReader<TFeedbackMessage>(ActionNames.Feedback(client.Name), this, QosProfile.Default);
        }

        public bool IsAvailable => _sendGoal.IsServiceAvailable && _getResult.IsServiceAvailable;

        public async Task<(bool Accepted, BuiltinTime Stamp)> SendGoalAsync(GoalId id, TGoal goal, CancellationToken cancellationToken)
        {
            var response = await _sendGoal.CallAsync(new TGoalRequest { GoalId = id.ToMessage(), Goal = goal }, cancellationToken).ConfigureAwait(false);
            return (response.Accepted, response.Stamp);
        }

        public async Task<ActionResult<TResult>> GetResultAsync(GoalId id, CancellationToken cancellationToken)
        {
            var response = await _getResult.CallAsync(new TResultRequest { GoalId = id.ToMessage() }, cancellationToken).ConfigureAwait(false);
            return new ActionResult<TResult>((GoalStatusCode)response.Status, response.Result);
        }

        public void OnMessage(TFeedbackMessage message, in MessageInfo info) => _client.OnFeedback(message.GoalId, message.Feedback);
    }
}
