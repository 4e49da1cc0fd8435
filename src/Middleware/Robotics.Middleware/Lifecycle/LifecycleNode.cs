using Robotics.Messages;
using Robotics.Messages.LifecycleMsgs;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Topics;

namespace Robotics.Middleware.Lifecycle;

/// <summary>
/// A managed node (ROS 2 design "Node Lifecycle", rclcpp_lifecycle): Unconfigured → Inactive → Active →
/// Finalized through configure/activate/deactivate/cleanup/shutdown. A callback's Failure returns to the start
/// state; Error runs <see cref="OnError"/>, which leads to Unconfigured on success or Finalized otherwise.
/// Transitions are published on <c>~/transition_event</c> and offered as <c>~/change_state</c> / <c>~/get_state</c>.
/// </summary>
public class LifecycleNode : Node
{
    private readonly Lock _transitionLock = new();
    private readonly Publisher<TransitionEvent> _events;
    private readonly List<ILifecycleAware> _managed = [];

    public LifecycleNode(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        _events = CreatePublisher<TransitionEvent>("~/transition_event", QosProfile.Default);
        CreateService<ChangeStateRequest, ChangeStateResponse>("~/change_state", r => new ChangeStateResponse { Success = TriggerRequested(r.Transition) });
        CreateService<GetStateRequest, GetStateResponse>("~/get_state", _ => new GetStateResponse { CurrentState = StateMessage(State) });
    }

    public LifecycleState State { get; private set; } = LifecycleState.Unconfigured;

    public bool Configure() => Trigger(LifecycleTransition.Configure);

    public bool Activate() => Trigger(LifecycleTransition.Activate);

    public bool Deactivate() => Trigger(LifecycleTransition.Deactivate);

    public bool Cleanup() => Trigger(LifecycleTransition.Cleanup);

    public bool Shutdown() => Trigger(State switch
    {
        LifecycleState.Inactive => LifecycleTransition.InactiveShutdown,
        LifecycleState.Active => LifecycleTransition.ActiveShutdown,
        _ => LifecycleTransition.UnconfiguredShutdown,
    });

    /// <summary>A publisher that only delivers while the node is active (rclcpp LifecyclePublisher).</summary>
    public LifecyclePublisher<T> CreateLifecyclePublisher<T>(string topic, QosProfile? qos = null)
        where T : class, IRosMessage<T>
    {
        var inner = CreatePublisher<T>(topic, qos);
        var publisher = new LifecyclePublisher<T>(inner, Logger);
        lock (_transitionLock)
        {
            _managed.Add(publisher);
            ((ILifecycleAware)publisher).SetActive(State == LifecycleState.Active);
        }

        return publisher;
    }

    // rclcpp_lifecycle accepts a transition by id, or by label when the id is 0; anything else is refused.
    private bool TriggerRequested(Transition request)
    {
        var id = request.Id;
        if (id == 0 && request.Label.Length > 0)
        {
            id = (byte)(Enum.GetValues<LifecycleTransition>().FirstOrDefault(t => Label(t) == request.Label.Replace(" ", "_", StringComparison.Ordinal)));
        }

        if (!Enum.IsDefined((LifecycleTransition)id) || id == 0)
        {
            Logger.Warn($"change_state: unknown transition id {request.Id} label '{request.Label}'");
            return false;
        }

        return Trigger((LifecycleTransition)id);
    }

    /// <summary>Requests a transition; returns whether it reached its goal state. Invalid ones are refused, logged, and change nothing.</summary>
    public bool Trigger(LifecycleTransition transition)
    {
        lock (_transitionLock)
        {
            var (from, via, goal, callback) = Plan(transition);
            if (State != from)
            {
                Logger.Warn($"transition {transition} is not allowed from state {State}");
                return false;
            }

            var start = State;
            Move(via, (byte)transition, Label(transition));

            // Leaving a transition state is its own transition in rcl_lifecycle: base id + 0/1/2 for success/failure/error.
            var outcomeBase = (byte)(transition switch
            {
                LifecycleTransition.Configure => 10,
                LifecycleTransition.Cleanup => 20,
                LifecycleTransition.Activate => 30,
                LifecycleTransition.Deactivate => 40,
                _ => 50,
            });
            var outcome = Run(callback, start);
            if (outcome == CallbackReturn.Success)
            {
                Move(goal, outcomeBase, "transition_success");
                return true;
            }

            if (outcome == CallbackReturn.Failure)
            {
                Move(start, (byte)(outcomeBase + 1), "transition_failure");
                return false;
            }

            Move(LifecycleState.ErrorProcessing, (byte)(outcomeBase + 2), "transition_error");
            var recovered = Run(OnError, start) == CallbackReturn.Success;
            Move(recovered ? LifecycleState.Unconfigured : LifecycleState.Finalized, (byte)(recovered ? 60 : 61), recovered ? "transition_success" : "transition_failure");
            return false;
        }
    }

    protected virtual CallbackReturn OnConfigure(LifecycleState previous) => CallbackReturn.Success;

    protected virtual CallbackReturn OnActivate(LifecycleState previous) => CallbackReturn.Success;

    protected virtual CallbackReturn OnDeactivate(LifecycleState previous) => CallbackReturn.Success;

    protected virtual CallbackReturn OnCleanup(LifecycleState previous) => CallbackReturn.Success;

    protected virtual CallbackReturn OnShutdown(LifecycleState previous) => CallbackReturn.Success;

    protected virtual CallbackReturn OnError(LifecycleState previous) => CallbackReturn.Success;

    private (LifecycleState From, LifecycleState Via, LifecycleState Goal, Func<LifecycleState, CallbackReturn> Callback) Plan(LifecycleTransition transition) => transition switch
    {
        LifecycleTransition.Configure => (LifecycleState.Unconfigured, LifecycleState.Configuring, LifecycleState.Inactive, OnConfigure),
        LifecycleTransition.Cleanup => (LifecycleState.Inactive, LifecycleState.CleaningUp, LifecycleState.Unconfigured, OnCleanup),
        LifecycleTransition.Activate => (LifecycleState.Inactive, LifecycleState.Activating, LifecycleState.Active, OnActivate),
        LifecycleTransition.Deactivate => (LifecycleState.Active, LifecycleState.Deactivating, LifecycleState.Inactive, OnDeactivate),
        LifecycleTransition.UnconfiguredShutdown => (LifecycleState.Unconfigured, LifecycleState.ShuttingDown, LifecycleState.Finalized, OnShutdown),
        LifecycleTransition.InactiveShutdown => (LifecycleState.Inactive, LifecycleState.ShuttingDown, LifecycleState.Finalized, OnShutdown),
        LifecycleTransition.ActiveShutdown => (LifecycleState.Active, LifecycleState.ShuttingDown, LifecycleState.Finalized, OnShutdown),
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "unknown lifecycle transition"),
    };

    private CallbackReturn Run(Func<LifecycleState, CallbackReturn> callback, LifecycleState previous)
    {
        try
        {
            return callback(previous);
        }
#pragma warning disable CA1031 // An exception in a transition callback is the Error outcome, as in rclcpp_lifecycle.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Logger.Error($"lifecycle callback threw {e.GetType().Name}: {e.Message}");
            return CallbackReturn.Error;
        }
    }

    private static string Label(LifecycleTransition transition) => transition switch
    {
        LifecycleTransition.UnconfiguredShutdown or LifecycleTransition.InactiveShutdown or LifecycleTransition.ActiveShutdown => "shutdown",
        _ => transition.ToString().ToLowerInvariant(),
    };

    private void Move(LifecycleState next, byte transitionId, string label)
    {
        var previous = State;
        State = next;
        foreach (var managed in _managed)
        {
            managed.SetActive(next == LifecycleState.Active);
        }

        _events.Publish(new TransitionEvent
        {
            Timestamp = (ulong)Time.RosTime.ToNanoseconds(Clock.GetUtcNow()),
            Transition = new Transition { Id = transitionId, Label = label },
            StartState = StateMessage(previous),
            GoalState = StateMessage(next),
        });
    }

    private static State StateMessage(LifecycleState state) => new() { Id = (byte)state, Label = state.ToString().ToLowerInvariant() };
}
