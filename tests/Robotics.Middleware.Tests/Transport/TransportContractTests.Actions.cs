using System.Collections.Concurrent;
using Robotics.Messages.ActionMsgs;
using Robotics.Messages.ExampleInterfaces;
using Robotics.Middleware.Actions;
using Robotics.Middleware.Graph;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;

namespace Robotics.Middleware.Tests.Transport;

/// <summary>
/// Actions are three services and two topics, so they belong to the transport contract: every transport must carry
/// a goal, its feedback, its result, a cancel and the status topic (rcl_action semantics), with example_interfaces/Fibonacci.
/// </summary>
public abstract partial class TransportContractTests
{
    [Fact]
    public async Task Action_Goal_StreamsFeedbackForThatGoalThenSucceedsWithTheResult()
    {
        var action = UniqueTopic("fibonacci");
        Env.CreateNode(UniqueName("fib_server")).CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, Fibonacci);
        var client = Env.CreateNode(UniqueName("fib_client")).CreateActionClient<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action);
        Assert.True(await client.WaitForServerAsync(Eventually.Timeout), "the action server appeared");
        var feedback = new ConcurrentQueue<int[]>();

        var goal = await Env.SpinUntilDone(client.SendGoalAsync(new FibonacciGoal { Order = 6 }, f => feedback.Enqueue(f.Sequence)), "the goal is answered");
        var result = await Env.SpinUntilDone(goal.GetResultAsync(), "the result arrives");

        Assert.True(goal.Accepted);
        Assert.Equal(GoalStatusCode.Succeeded, result.Status);
        Assert.Equal([0, 1, 1, 2, 3, 5, 8], result.Result.Sequence);
        Eventually.True(() => feedback.Count == 5, "one feedback per step (reliable feedback topic)");
        Assert.Equal([3, 4, 5, 6, 7], feedback.Select(f => f.Length));
    }

    [Fact]
    public async Task Action_StatusTopic_ShowsTheGoalExecutingThenSucceeded()
    {
        var action = UniqueTopic("status_fib");
        var release = new TaskCompletionSource();
        var statuses = new ConcurrentQueue<sbyte>();
        Env.CreateNode(UniqueName("server")).CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, async (goal, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return new FibonacciResult { Sequence = [0] };
        });
        var node = Env.CreateNode(UniqueName("watcher"));
        node.CreateSubscription<GoalStatusArray>(ActionNames.Status(action), s => { foreach (var g in s.StatusList) { statuses.Enqueue(g.Status); } }, QosProfile.Latched);
        var client = node.CreateActionClient<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action);
        Assert.True(await client.WaitForServerAsync(Eventually.Timeout));

        var goal = await Env.SpinUntilDone(client.SendGoalAsync(new FibonacciGoal { Order = 1 }), "the goal is answered");
        Env.SpinUntil(() => statuses.Contains(GoalStatus.STATUS_EXECUTING), "status shows the goal executing");
        release.SetResult();
        var result = await Env.SpinUntilDone(goal.GetResultAsync(), "the result arrives");

        Assert.Equal(GoalStatusCode.Succeeded, result.Status);
        Env.SpinUntil(() => statuses.Contains(GoalStatus.STATUS_SUCCEEDED), "status shows the goal succeeded");
    }

    [Fact]
    public async Task Action_GoalRefusedByTheServer_IsNotAcceptedAndHasNoResult()
    {
        var action = UniqueTopic("picky");
        Env.CreateNode(UniqueName("server")).CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, Fibonacci,
            new ActionServerOptions<FibonacciGoal, FibonacciFeedback> { AcceptGoal = g => g.Order is >= 0 and <= 40 });
        var client = Env.CreateNode(UniqueName("client")).CreateActionClient<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action);
        Assert.True(await client.WaitForServerAsync(Eventually.Timeout));

        var goal = await Env.SpinUntilDone(client.SendGoalAsync(new FibonacciGoal { Order = -3 }), "the goal is answered");

        Assert.False(goal.Accepted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => goal.GetResultAsync());
    }

    [Fact]
    public async Task Action_CancelOfARunningGoal_IsAcceptedAndTheGoalEndsCanceled()
    {
        var action = UniqueTopic("endless");
        var started = new TaskCompletionSource();
        Env.CreateNode(UniqueName("server")).CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, async (goal, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return new FibonacciResult();
        });
        var client = Env.CreateNode(UniqueName("client")).CreateActionClient<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action);
        Assert.True(await client.WaitForServerAsync(Eventually.Timeout));
        var goal = await Env.SpinUntilDone(client.SendGoalAsync(new FibonacciGoal { Order = 3 }), "the goal is answered");
        await started.Task.WaitAsync(Eventually.Timeout);

        var canceling = await Env.SpinUntilDone(goal.CancelAsync(), "the cancel is answered");
        var result = await Env.SpinUntilDone(goal.GetResultAsync(), "the result arrives");

        Assert.True(canceling);
        Assert.Equal(GoalStatusCode.Canceled, result.Status);
    }

    [Fact]
    public async Task Action_CancelOfAnUnknownOrFinishedGoal_ReturnsTheRclActionErrorCodes()
    {
        var action = UniqueTopic("quick");
        var node = Env.CreateNode(UniqueName("server"));
        node.CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, Fibonacci);
        var client = node.CreateActionClient<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action);
        var cancel = node.CreateClient<CancelGoalRequest, CancelGoalResponse>(ActionNames.CancelGoal(action));
        Assert.True(await client.WaitForServerAsync(Eventually.Timeout));
        var finished = await Env.SpinUntilDone(client.SendGoalAsync(new FibonacciGoal { Order = 2 }), "the goal is answered");
        await Env.SpinUntilDone(finished.GetResultAsync(), "the result arrives");

        var unknown = await Env.CallAsync(cancel, new CancelGoalRequest { GoalInfo = new GoalInfo { GoalId = GoalId.NewId().ToMessage() } });
        var terminated = await Env.CallAsync(cancel, new CancelGoalRequest { GoalInfo = new GoalInfo { GoalId = finished.Id.ToMessage() } });

        Assert.Equal(CancelGoalResponse.ERROR_UNKNOWN_GOAL_ID, unknown.ReturnCode);
        Assert.Equal(CancelGoalResponse.ERROR_GOAL_TERMINATED, terminated.ReturnCode);
        Assert.Equal(CancelGoalResponse.ERROR_NONE, (await Env.CallAsync(cancel, new CancelGoalRequest())).ReturnCode);
    }

    [Fact]
    public async Task Action_CancelWithAMalformedGoalId_IsRefusedByTheWireOrRejectedByTheServer()
    {
        var action = UniqueTopic("strict");
        var node = Env.CreateNode(UniqueName("server"));
        node.CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, Fibonacci);
        var cancel = node.CreateClient<CancelGoalRequest, CancelGoalResponse>(ActionNames.CancelGoal(action));
        var malformed = new CancelGoalRequest { GoalInfo = new GoalInfo { GoalId = new() { Uuid = [1, 2, 3] } } };

        try
        {
            var response = await Env.CallAsync(cancel, malformed);
            Assert.Equal(CancelGoalResponse.ERROR_REJECTED, response.ReturnCode);
        }
        catch (Robotics.Messages.Cdr.MessageEncodeException e)
        {
            Assert.Contains("uuid", e.Message, StringComparison.Ordinal);
        }

        // Either way the server is unharmed and still answers.
        Assert.Equal(CancelGoalResponse.ERROR_NONE, (await Env.CallAsync(cancel, new CancelGoalRequest())).ReturnCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Action_ExecuteThatAbortsOrThrows_EndsAborted(bool throws)
    {
        Env.ExpectErrors();
        var action = UniqueTopic("failing");
        Env.CreateNode(UniqueName("server")).CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, (goal, ct) =>
        {
            if (throws)
            {
                throw new InvalidOperationException("joint 3 is not homed");
            }

            goal.Abort("joint 3 is not homed");
            return Task.FromResult(new FibonacciResult { Sequence = [0] });
        });
        var client = Env.CreateNode(UniqueName("client")).CreateActionClient<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action);
        Assert.True(await client.WaitForServerAsync(Eventually.Timeout));

        var goal = await Env.SpinUntilDone(client.SendGoalAsync(new FibonacciGoal { Order = 2 }), "the goal is answered");
        var result = await Env.SpinUntilDone(goal.GetResultAsync(), "the result arrives");

        Assert.Equal(GoalStatusCode.Aborted, result.Status);
        Assert.Contains(Env.Log.Records, r => r.Message.Contains("joint 3 is not homed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Action_TwoGoalsAtOnce_EachGetsItsOwnFeedbackAndResult()
    {
        var action = UniqueTopic("parallel");
        Env.CreateNode(UniqueName("server")).CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, Fibonacci);
        var client = Env.CreateNode(UniqueName("client")).CreateActionClient<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action);
        Assert.True(await client.WaitForServerAsync(Eventually.Timeout));
        var (shortFeedback, longFeedback) = (new ConcurrentQueue<int>(), new ConcurrentQueue<int>());

        var shortGoal = client.SendGoalAsync(new FibonacciGoal { Order = 3 }, f => shortFeedback.Enqueue(f.Sequence.Length));
        var longGoal = client.SendGoalAsync(new FibonacciGoal { Order = 8 }, f => longFeedback.Enqueue(f.Sequence.Length));
        var results = await Env.SpinUntilDone(Task.WhenAll((await Env.SpinUntilDone(shortGoal, "short accepted")).GetResultAsync(), (await Env.SpinUntilDone(longGoal, "long accepted")).GetResultAsync()), "both results");

        Assert.Equal(4, results[0].Result.Sequence.Length);
        Assert.Equal(9, results[1].Result.Sequence.Length);
        Eventually.True(() => shortFeedback.Count == 2 && longFeedback.Count == 7, "each goal's own feedback only");
        Assert.All(shortFeedback, n => Assert.True(n <= 4));
    }

    [Fact]
    public async Task Action_Graph_ShowsTheActionsThreeServicesAndTwoTopics()
    {
        var action = UniqueTopic("graph_fib");
        Env.CreateNode(UniqueName("server")).CreateActionServer<FibonacciGoal, FibonacciResult, FibonacciFeedback>(action, Fibonacci);
        var graph = Env.Context.Transport.Graph;

        Eventually.True(() => graph.Services.Count(s => s.IsServer && ActionNames.ActionOf(s.Service) == action) == 3, "send_goal, cancel_goal and get_result are in the graph");
        Eventually.True(() => graph.Endpoints.Count(e => ActionNames.ActionOf(e.Topic) == action && e.Kind == EndpointKind.Publisher) == 2, "feedback and status publishers are in the graph");
        Assert.Contains(graph.Endpoints, e => e.Topic == ActionNames.Feedback(action) && e.TypeName == "example_interfaces/action/Fibonacci_FeedbackMessage");
        await Task.CompletedTask;
    }

    private static async Task<FibonacciResult> Fibonacci(ServerGoal<FibonacciGoal, FibonacciFeedback> goal, CancellationToken cancellationToken)
    {
        var sequence = new List<int> { 0, 1 };
        for (var i = 1; i < goal.Goal.Order; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sequence.Add(sequence[i] + sequence[i - 1]);
            goal.PublishFeedback(new FibonacciFeedback { Sequence = [.. sequence] });
            await Task.Yield();
        }

        return new FibonacciResult { Sequence = [.. sequence] };
    }
}
