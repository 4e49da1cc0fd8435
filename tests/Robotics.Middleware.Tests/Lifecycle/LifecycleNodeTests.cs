using Robotics.Messages.LifecycleMsgs;
using Robotics.Middleware.Lifecycle;
using Robotics.Middleware.Logging;
using Robotics.Middleware.Tests.TestSupport;
using Int32Message = Robotics.Messages.StdMsgs.Int32;

namespace Robotics.Middleware.Tests.Lifecycle;

/// <summary>Managed nodes (ROS 2 design "Node Lifecycle"): transitions, failures, errors, events, services, publishers.</summary>
public sealed class LifecycleNodeTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();
    private readonly ScriptedLifecycleNode _node;

    public LifecycleNodeTests()
    {
        _node = new ScriptedLifecycleNode(_env.Context, "managed");
        _env.Executor.Add(_node);
    }

    [Fact]
    public void StandardTransitions_WalkTheStateMachineAndCallEachCallback()
    {
        Assert.Equal(LifecycleState.Unconfigured, _node.State);

        Assert.True(_node.Configure());
        Assert.Equal(LifecycleState.Inactive, _node.State);
        Assert.True(_node.Activate());
        Assert.Equal(LifecycleState.Active, _node.State);
        Assert.True(_node.Deactivate());
        Assert.Equal(LifecycleState.Inactive, _node.State);
        Assert.True(_node.Cleanup());
        Assert.Equal(LifecycleState.Unconfigured, _node.State);
        Assert.True(_node.Configure());
        Assert.True(_node.Activate());
        Assert.True(_node.Shutdown());
        Assert.Equal(LifecycleState.Finalized, _node.State);

        Assert.Equal(
            [
                "configure from Unconfigured", "activate from Inactive", "deactivate from Active", "cleanup from Inactive",
                "configure from Unconfigured", "activate from Inactive", "shutdown from Active",
            ],
            _node.Calls);
    }

    [Fact]
    public void Shutdown_FromUnconfigured_Finalizes()
    {
        Assert.True(_node.Shutdown());

        Assert.Equal(LifecycleState.Finalized, _node.State);
        Assert.Equal(["shutdown from Unconfigured"], _node.Calls);
    }

    [Fact]
    public void InvalidTransition_IsRefusedLoggedAndChangesNothing()
    {
        Assert.False(_node.Activate());
        Assert.False(_node.Cleanup());

        Assert.Equal(LifecycleState.Unconfigured, _node.State);
        Assert.Empty(_node.Calls);
        Assert.Contains(_env.Log.Records, r => r.Level == LogLevel.Warn && r.Message.Contains("Activate", StringComparison.Ordinal));
    }

    [Fact]
    public void Configure_CallbackReturnsFailure_StaysUnconfiguredAndCanRetry()
    {
        _node.ConfigureOutcome = () => CallbackReturn.Failure;

        Assert.False(_node.Configure());
        Assert.Equal(LifecycleState.Unconfigured, _node.State);

        _node.ConfigureOutcome = () => CallbackReturn.Success;
        Assert.True(_node.Configure());
        Assert.Equal(LifecycleState.Inactive, _node.State);
    }

    [Fact]
    public void Configure_CallbackThrows_GoesThroughOnErrorToUnconfigured()
    {
        _env.ExpectErrors();
        _node.ConfigureOutcome = () => throw new InvalidOperationException("servo bus not found");

        Assert.False(_node.Configure());

        Assert.Equal(LifecycleState.Unconfigured, _node.State);
        Assert.Equal(["configure from Unconfigured", "error from Unconfigured"], _node.Calls);
        Assert.Contains(_env.Log.Errors, r => r.Message.Contains("servo bus not found", StringComparison.Ordinal));
    }

    [Fact]
    public void Configure_ReturnsErrorAndOnErrorFails_Finalizes()
    {
        _node.ConfigureOutcome = () => CallbackReturn.Error;
        _node.ErrorOutcome = CallbackReturn.Failure;

        Assert.False(_node.Configure());

        Assert.Equal(LifecycleState.Finalized, _node.State);
        Assert.Equal(["configure from Unconfigured", "error from Unconfigured"], _node.Calls);
        Assert.False(_node.Configure());
    }

    [Fact]
    public void TransitionEvent_IsPublishedForEveryStateChange()
    {
        var events = ObserveTransitionEvents();

        _node.Configure();
        _node.Activate();

        _env.SpinUntil(() => events.Count >= 4, "four transition events arrived");
        Assert.Equal(
            [
                (State.PRIMARY_STATE_UNCONFIGURED, State.TRANSITION_STATE_CONFIGURING),
                (State.TRANSITION_STATE_CONFIGURING, State.PRIMARY_STATE_INACTIVE),
                (State.PRIMARY_STATE_INACTIVE, State.TRANSITION_STATE_ACTIVATING),
                (State.TRANSITION_STATE_ACTIVATING, State.PRIMARY_STATE_ACTIVE),
            ],
            events.Select(e => (e.StartState.Id, e.GoalState.Id)));
        Assert.Equal(("configure", "unconfigured", "configuring"), (events[0].Transition.Label, events[0].StartState.Label, events[0].GoalState.Label));
        Assert.Equal(Transition.TRANSITION_CONFIGURE, events[0].Transition.Id);
        Assert.Equal(Transition.TRANSITION_ACTIVATE, events[2].Transition.Id);
    }

    /// <summary>
    /// rcl_lifecycle (default_state_machine.c) leaves a transition state through its own transition:
    /// configuring → inactive is "transition_success" (id 10), so ROS 2 tools watching ~/transition_event see it.
    /// </summary>
    [Fact]
    // Labels per rcl_lifecycle/default_state_machine.h: outcome transitions are "transition_success|failure|error".
    public void TransitionEvent_LeavingATransitionState_CarriesRclsOutcomeTransition()
    {
        var events = ObserveTransitionEvents();

        _node.Configure();

        _env.SpinUntil(() => events.Count >= 2, "two transition events arrived");
        Assert.Equal((Transition.TRANSITION_ON_CONFIGURE_SUCCESS, "transition_success"), (events[1].Transition.Id, events[1].Transition.Label));
    }

    [Fact]
    public async Task GetStateAndChangeStateServices_DriveTheNodeFromAnotherNode()
    {
        var tool = _env.CreateNode("lifecycle_tool");
        var getState = tool.CreateClient<GetStateRequest, GetStateResponse>("/managed/get_state");
        var changeState = tool.CreateClient<ChangeStateRequest, ChangeStateResponse>("/managed/change_state");

        var before = await _env.CallAsync(getState, new GetStateRequest());
        var configured = await _env.CallAsync(changeState, new ChangeStateRequest { Transition = new Transition { Id = Transition.TRANSITION_CONFIGURE } });
        var after = await _env.CallAsync(getState, new GetStateRequest());
        var refused = await _env.CallAsync(changeState, new ChangeStateRequest { Transition = new Transition { Id = Transition.TRANSITION_DEACTIVATE } });

        Assert.Equal((State.PRIMARY_STATE_UNCONFIGURED, "unconfigured"), (before.CurrentState.Id, before.CurrentState.Label));
        Assert.True(configured.Success);
        Assert.Equal((State.PRIMARY_STATE_INACTIVE, "inactive"), (after.CurrentState.Id, after.CurrentState.Label));
        Assert.False(refused.Success);
        Assert.Equal(LifecycleState.Inactive, _node.State);
    }

    /// <summary>An id that is no transition must be answered with Success=false, not leave the caller waiting forever.</summary>
    [Fact]
    public async Task ChangeStateService_UnknownTransitionId_AnswersFailure()
    {
        var changeState = _env.CreateNode("lifecycle_tool").CreateClient<ChangeStateRequest, ChangeStateResponse>("/managed/change_state");

        var response = await _env.CallAsync(changeState, new ChangeStateRequest { Transition = new Transition { Id = 99 } });

        Assert.False(response.Success);
        Assert.Equal(LifecycleState.Unconfigured, _node.State);
    }

    [Fact]
    public void LifecyclePublisher_DropsWhileInactiveAndDeliversWhileActive()
    {
        var received = new List<int>();
        _env.CreateNode("consumer").CreateSubscription<Int32Message>("/managed_out", m => received.Add(m.Data));
        var publisher = _node.CreateLifecyclePublisher<Int32Message>("/managed_out");

        publisher.Publish(new Int32Message { Data = 1 });
        _node.Configure();
        publisher.Publish(new Int32Message { Data = 2 });
        _node.Activate();
        Assert.True(publisher.IsActive);
        publisher.Publish(new Int32Message { Data = 3 });
        _env.SpinUntil(() => received.Count >= 1, "the sample published while active arrived");
        _node.Deactivate();
        publisher.Publish(new Int32Message { Data = 4 });
        _node.Activate();
        publisher.Publish(new Int32Message { Data = 5 });
        _env.SpinUntil(() => received.Count >= 2, "the sample published after reactivation arrived");

        Assert.Equal([3, 5], received);
        Assert.Equal(3, publisher.DroppedWhileInactive);
        Assert.Contains(_env.Log.Records, r => r.Level == LogLevel.Warn && r.Message.Contains("/managed_out", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }

    private List<TransitionEvent> ObserveTransitionEvents()
    {
        var events = new List<TransitionEvent>();
        _env.CreateNode("monitor").CreateSubscription<TransitionEvent>("/managed/transition_event", events.Add);
        return events;
    }
}
