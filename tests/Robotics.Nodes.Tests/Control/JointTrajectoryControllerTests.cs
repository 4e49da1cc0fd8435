using System.Collections.Concurrent;
using Robotics.Messages.ControlMsgs;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.TrajectoryMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Actions;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Nodes.Control;
using static Robotics.Nodes.Tests.Control.TrajectorySamplerTests;

namespace Robotics.Nodes.Tests.Control;

/// <summary>
/// The FollowJointTrajectory server against a fake arm on the in-process bus: the arm either tracks every
/// cmd/request exactly (republishing it as joint_states) or is stuck at zero.
/// </summary>
public sealed class JointTrajectoryControllerTests : IDisposable
{
    private const string Action = "/joint_trajectory_controller/follow_joint_trajectory";
    private readonly RosTestEnvironment _env = new();
    private readonly ConcurrentQueue<CommandRequest> _commands = new();
    private readonly ActionClient<FollowJointTrajectoryGoal, FollowJointTrajectoryResult, FollowJointTrajectoryFeedback> _client;

    public JointTrajectoryControllerTests()
    {
        var controller = new JointTrajectoryController(_env.Context, "joint_trajectory_controller");
        _env.Executor.Add(controller);
        _client = _env.CreateNode("commander").CreateActionClient<FollowJointTrajectoryGoal, FollowJointTrajectoryResult, FollowJointTrajectoryFeedback>(Action);
    }

    [Fact]
    public async Task TrackingArm_FollowsTheTrajectoryToTheEndAndSucceeds()
    {
        FakeArm(tracks: true);
        var feedback = new ConcurrentQueue<FollowJointTrajectoryFeedback>();

        var (goal, result) = await Run(Goal(["elbow_flex", "shoulder_pan"], Point(0.2, [0.2, -0.1]), Point(0.4, [0.4, -0.2])), feedback.Enqueue);

        Assert.True(goal.Accepted);
        Assert.Equal(GoalStatusCode.Succeeded, result.Status);
        Assert.Equal(FollowJointTrajectoryResult.SUCCESSFUL, result.Result.ErrorCode);
        var commands = _commands.ToList();
        Assert.True(commands.Count >= 10, $"about 40 commands at 100 Hz, got {commands.Count}");
        Assert.All(commands, c => Assert.Equal(CommandRequest.SOURCE_SCRIPTED, c.Source));
        Assert.Equal(commands.Select(c => c.Sequence).Order(), commands.Select(c => c.Sequence));
        Assert.Equal([0.4, -0.2], commands[^1].BasePosition);
        Assert.Equal(["elbow_flex", "shoulder_pan"], commands[^1].JointNames);
        Assert.NotEmpty(feedback);
        Assert.Equal(2, feedback.Last().Actual.Positions.Length);
    }

    [Fact]
    public async Task UnknownJoint_IsRejectedNamingTheJoint()
    {
        var (goal, _) = await Run(Goal(["elbow_flex", "tail"], Point(0.2, [0.1, 0.1])));

        Assert.False(goal.Accepted);
        Assert.Contains(_env.Log.Records, r => r.Message.Contains("unknown joint(s) tail", StringComparison.Ordinal));
        Assert.Empty(_commands);
    }

    [Fact]
    public async Task StuckArm_WithPathTolerance_AbortsWithPathToleranceViolated()
    {
        FakeArm(tracks: false);
        var goal = Goal(["elbow_flex"], Point(0.5, [1.0]));
        goal.PathTolerance = [new JointTolerance { Name = "elbow_flex", Position = 0.05 }];

        var (_, result) = await Run(goal);

        Assert.Equal(GoalStatusCode.Aborted, result.Status);
        Assert.Equal(FollowJointTrajectoryResult.PATH_TOLERANCE_VIOLATED, result.Result.ErrorCode);
        Assert.Equal([0.0], _commands.Last().BasePosition); // holds where the arm actually is
    }

    [Fact]
    public async Task StuckArm_WithGoalTolerance_AbortsAfterTheGoalTimeTolerance()
    {
        FakeArm(tracks: false);
        var goal = Goal(["wrist_roll"], Point(0.1, [0.5]));
        goal.GoalTolerance = [new JointTolerance { Name = "wrist_roll", Position = 0.01 }];
        goal.GoalTimeTolerance = Middleware.Time.RosTime.ToDuration(TimeSpan.FromSeconds(0.1));

        var (_, result) = await Run(goal);

        Assert.Equal(GoalStatusCode.Aborted, result.Status);
        Assert.Equal(FollowJointTrajectoryResult.GOAL_TOLERANCE_VIOLATED, result.Result.ErrorCode);
    }

    [Fact]
    public async Task Cancel_StopsTheGoalAndHoldsTheActualPosition()
    {
        FakeArm(tracks: true);
        Assert.True(await _client.WaitForServerAsync(Eventually.Timeout));
        // A 60 s linear move passes 0.2 only after 12 s, so a cancel that a loaded machine delays by seconds still lands
        // early in the move (a 5 s move passed 0.2 after 1 s, and once under load the cancel came later than that).
        var goal = await _env.SpinUntilDone(_client.SendGoalAsync(Goal(["gripper"], Point(60.0, [1.0]))), "the goal is answered");
        _env.SpinUntil(() => _commands.Count > 5, "the controller is commanding");

        Assert.True(await _env.SpinUntilDone(goal.CancelAsync(), "the cancel is answered"));
        var result = await _env.SpinUntilDone(goal.GetResultAsync(), "the goal ends");

        Assert.Equal(GoalStatusCode.Canceled, result.Status);
        var last = _commands.Last();
        Assert.Equal([0.0], last.VelocityFeedforward);
        Assert.True(last.BasePosition[0] < 0.2, $"held early in a 60 s move, at {last.BasePosition[0]}");
    }

    [Fact]
    public async Task NewGoal_PreemptsTheRunningOne()
    {
        FakeArm(tracks: true);
        Assert.True(await _client.WaitForServerAsync(Eventually.Timeout));
        var first = await _env.SpinUntilDone(_client.SendGoalAsync(Goal(["gripper"], Point(5.0, [1.0]))), "the first goal is answered");
        _env.SpinUntil(() => _commands.Count > 3, "the first goal is running");

        var second = await _env.SpinUntilDone(_client.SendGoalAsync(Goal(["gripper"], Point(0.2, [-0.3]))), "the second goal is answered");
        var results = await _env.SpinUntilDone(Task.WhenAll(first.GetResultAsync(), second.GetResultAsync()), "both goals end");

        Assert.Equal(GoalStatusCode.Canceled, results[0].Status);
        Assert.Equal(GoalStatusCode.Succeeded, results[1].Status);
        Assert.Equal([-0.3], _commands.Last().BasePosition);
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }

    private async Task<(ClientGoal<FollowJointTrajectoryResult> Goal, ActionResult<FollowJointTrajectoryResult> Result)> Run(FollowJointTrajectoryGoal goal, Action<FollowJointTrajectoryFeedback>? feedback = null)
    {
        Assert.True(await _client.WaitForServerAsync(Eventually.Timeout));
        var handle = await _env.SpinUntilDone(_client.SendGoalAsync(goal, feedback), "the goal is answered");
        return handle.Accepted ? (handle, await _env.SpinUntilDone(handle.GetResultAsync(), "the goal ends")) : (handle, default);
    }

    /// <summary>An arm at zero that publishes joint_states for every command: tracking it exactly, or stuck.</summary>
    private void FakeArm(bool tracks)
    {
        var arm = _env.CreateNode("fake_arm");
        var states = arm.CreatePublisher<JointState>("joint_states", Middleware.Qos.QosProfile.SensorData);
        string[] joints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];
        var position = new double[joints.Length];
        arm.CreateSubscription<CommandRequest>("cmd/request", command =>
        {
            _commands.Enqueue(command);
            for (var i = 0; tracks && i < command.JointNames.Length; i++)
            {
                position[Array.IndexOf(joints, command.JointNames[i])] = command.BasePosition[i];
            }

            states.Publish(new JointState { Header = new() { Stamp = arm.Now() }, Name = joints, Position = [.. position] });
        });
        states.Publish(new JointState { Header = new() { Stamp = arm.Now() }, Name = joints, Position = [.. position] });
        _env.Executor.SpinOnce(TimeSpan.FromMilliseconds(10));
    }

    internal static FollowJointTrajectoryGoal Goal(string[] joints, params JointTrajectoryPoint[] points) => new()
    {
        Trajectory = new JointTrajectory { JointNames = joints, Points = points },
    };
}
