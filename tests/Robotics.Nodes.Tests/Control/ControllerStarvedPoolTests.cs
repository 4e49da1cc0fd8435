using System.Collections.Concurrent;
using System.Diagnostics;
using Robotics.Messages.ControlMsgs;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Middleware.Actions;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Nodes.Control;
using static Robotics.Nodes.Tests.Control.JointTrajectoryControllerTests;
using static Robotics.Nodes.Tests.Control.TrajectorySamplerTests;

namespace Robotics.Nodes.Tests.Control;

[CollectionDefinition(nameof(StarvesThreadPool), DisableParallelization = true)]
public sealed class StarvesThreadPool;

/// <summary>
/// A running trajectory keeps its command stream when the thread pool is starved (a busy test host, a node doing
/// blocking I/O): in CI the supervisor's 1 s command watchdog held the arm mid-trajectory because the controller's
/// sampling loop ran on pool continuations. Alone in its collection: it starves the pool on purpose.
/// </summary>
[Collection(nameof(StarvesThreadPool))]
public sealed class ControllerStarvedPoolTests : IDisposable
{
    private readonly RosTestEnvironment _env = new();

    [Fact]
    public async Task ThreadPoolStarved_TheRunningGoalIsStillCommandedAtItsRate()
    {
        _env.Executor.Add(new JointTrajectoryController(_env.Context, "joint_trajectory_controller"));
        var commands = new ConcurrentQueue<CommandRequest>();
        var probe = _env.CreateNode("probe");
        probe.CreateSubscription<CommandRequest>("cmd/request", commands.Enqueue);
        var client = probe.CreateActionClient<FollowJointTrajectoryGoal, FollowJointTrajectoryResult, FollowJointTrajectoryFeedback>("/joint_trajectory_controller/follow_joint_trajectory");
        Assert.True(await client.WaitForServerAsync(Eventually.Timeout));
        var goal = await _env.SpinUntilDone(client.SendGoalAsync(Goal(["elbow_flex"], Point(30.0, [0.5]))), "the goal is answered");
        _env.SpinUntil(() => commands.Count > 5, "the controller is commanding");

        var released = new System.Runtime.CompilerServices.StrongBox<bool>();
        for (var i = 0; i < Environment.ProcessorCount * 8 + 32; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => BlockUntil(released), null);
        }

        int during;
        try
        {
            var before = commands.Count;
            var window = Stopwatch.StartNew();
            _env.Executor.SpinUntil(() => window.Elapsed >= TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
            during = commands.Count - before;
        }
        finally
        {
            Volatile.Write(ref released.Value, true);
        }

        // 100 Hz: 200 commands in 2 s; 50 leaves room for this VM's stalls. The pool-driven loop sent a handful.
        Assert.InRange(during, 50, 260);
        Assert.True(await _env.SpinUntilDone(goal.CancelAsync(), "the cancel is answered"));
        Assert.Equal(GoalStatusCode.Canceled, (await _env.SpinUntilDone(goal.GetResultAsync(), "the goal ends")).Status);
    }

    public void Dispose()
    {
        _env.Dispose();
    }

    private static void BlockUntil(System.Runtime.CompilerServices.StrongBox<bool> released)
    {
        for (var waited = 0; waited < 10_000 && !Volatile.Read(ref released.Value); waited += 10)
        {
            Thread.Sleep(10);
        }
    }
}
