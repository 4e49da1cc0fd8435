using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Robotics.Messages;
using Robotics.Middleware;
using Robotics.Middleware.Actions;

namespace Robotics.Cli;

/// <summary>
/// Service calls and action goals for types chosen at run time (CLI only), like <see cref="DynamicTopics"/>: the
/// node's generic methods are closed over the generated classes once per command.
/// </summary>
internal static class DynamicInterfaces
{
    private static readonly MethodInfo _call = typeof(DynamicInterfaces).GetMethod(nameof(CallTyped), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo _goal = typeof(DynamicInterfaces).GetMethod(nameof(SendGoalTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>What happened to a goal sent by <see cref="SendGoalAsync"/>.</summary>
    public sealed record GoalOutcome(GoalId Id, bool Accepted, GoalStatusCode Status, IRosMessage? Result);

    /// <summary>Calls a service once; throws CliException when no server appears within <paramref name="wait"/>.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "Message classes are rooted by the registry.")]
    public static Task<IRosMessage> CallAsync(Node node, ServiceTypeInfo type, string service, IRosMessage request, TimeSpan wait, CancellationToken stop) =>
        (Task<IRosMessage>)_call.MakeGenericMethod(type.Request.ClrType, type.Response.ClrType).Invoke(null, [node, service, request, wait, stop])!;

    /// <summary>
    /// Sends one goal and waits for its result. <paramref name="accepted"/> runs once the server answered; a stop
    /// (Ctrl-C) while the goal runs asks the server to cancel it, as <c>ros2 action send_goal</c> does.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "Message classes are rooted by the registry.")]
    public static Task<GoalOutcome> SendGoalAsync(Node node, ActionTypeInfo type, string action, IRosMessage goal, Action<IRosMessage>? feedback, Action<GoalId, bool> accepted, TimeSpan wait, CancellationToken stop) =>
        (Task<GoalOutcome>)_goal.MakeGenericMethod(type.Goal.ClrType, type.Result.ClrType, type.Feedback.ClrType).Invoke(null, [node, action, goal, feedback, accepted, wait, stop])!;

    private static async Task<IRosMessage> CallTyped<TRequest, TResponse>(Node node, string service, IRosMessage request, TimeSpan wait, CancellationToken stop)
        where TRequest : class, IRosMessage<TRequest>
        where TResponse : class, IRosMessage<TResponse>
    {
        using var client = node.CreateClient<TRequest, TResponse>(service);
        if (!await client.WaitForServiceAsync(wait, stop).ConfigureAwait(false))
        {
            throw new CliException($"service '{client.Endpoint.Service}' did not appear within {wait.TotalSeconds:0.#} s (see `robotics service list`)");
        }

        return await client.CallAsync((TRequest)request, stop).ConfigureAwait(false);
    }

    private static async Task<GoalOutcome> SendGoalTyped<TGoal, TResult, TFeedback>(Node node, string action, IRosMessage goal, Action<IRosMessage>? feedback, Action<GoalId, bool> accepted, TimeSpan wait, CancellationToken stop)
        where TGoal : class, IRosMessage<TGoal>, Messages.Actions.IActionGoal<TGoal, TResult, TFeedback>
        where TResult : class, IRosMessage<TResult>, new()
        where TFeedback : class, IRosMessage<TFeedback>
    {
        var client = node.CreateActionClient<TGoal, TResult, TFeedback>(action);
        if (!await client.WaitForServerAsync(wait, stop).ConfigureAwait(false))
        {
            throw new CliException($"action server '{client.Name}' did not appear within {wait.TotalSeconds:0.#} s (see `robotics action list`)");
        }

        var handle = await client.SendGoalAsync((TGoal)goal, feedback is null ? null : f => feedback(f), stop).ConfigureAwait(false);
        accepted(handle.Id, handle.Accepted);
        if (!handle.Accepted)
        {
            return new GoalOutcome(handle.Id, false, GoalStatusCode.Unknown, null);
        }

        var result = handle.GetResultAsync(CancellationToken.None);
        try
        {
            await result.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await handle.CancelAsync(grace.Token).ConfigureAwait(false);
            await result.WaitAsync(grace.Token).ConfigureAwait(false);
        }

        var (status, value) = await result.ConfigureAwait(false);
        return new GoalOutcome(handle.Id, true, status, value);
    }
}
