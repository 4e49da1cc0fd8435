using Robotics.Messages.ControlMsgs;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Messages.TrajectoryMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Actions;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using BuiltinTime = Robotics.Messages.BuiltinInterfaces.Time;

namespace Robotics.Nodes.Control;

/// <summary>
/// A <c>control_msgs/FollowJointTrajectory</c> action server, named and behaving like ros2_controllers'
/// joint_trajectory_controller (<c>~/follow_joint_trajectory</c>), so MoveIt or a ROS 2 script can drive our arm.
/// Each accepted goal is sampled at <c>rate_hz</c> (<see cref="TrajectorySampler"/>) and sent as
/// <c>robotics_msgs/CommandRequest</c> (source SCRIPTED) on <c>cmd/request</c>: a request to the safety supervisor,
/// never a direct motor command. <c>joint_states</c> gives the actual state for feedback and the path and goal
/// tolerances. A new goal preempts the running one (CANCELED, as in ros2_controllers); a canceled goal holds the
/// last actual position.
/// </summary>
public sealed class JointTrajectoryController : Node
{
    private static readonly string[] _defaultJoints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    private readonly string[] _joints;
    private readonly TimeSpan _period;
    private readonly Publisher<CommandRequest> _commands;
    private readonly Lock _lock = new();
    private JointState? _state;
    private Tracking? _tracking;
    private ulong _sequence;

    public JointTrajectoryController(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        _joints = Parameters.Declare("joints", (object)_defaultJoints, new ParameterDescriptor { ReadOnly = true, Description = "joints this controller commands" }).AsStringArray();
        var rate = Parameters.Declare("rate_hz", 100.0, new ParameterDescriptor { ReadOnly = true, FloatingPointRange = new FloatingPointRange(1, 1000), Description = "command and feedback rate" });
        _period = TimeSpan.FromSeconds(1 / rate);
        _commands = CreatePublisher<CommandRequest>("cmd/request");
        CreateSubscription<JointState>("joint_states", state => Volatile.Write(ref _state, state), Middleware.Qos.QosProfile.SensorData);
        Server = CreateActionServer<FollowJointTrajectoryGoal, FollowJointTrajectoryResult, FollowJointTrajectoryFeedback>(
            "~/follow_joint_trajectory", ExecuteAsync, new ActionServerOptions<FollowJointTrajectoryGoal, FollowJointTrajectoryFeedback> { AcceptGoal = Accept });
        CreateTimer(_period, Update);
    }

    public ActionServer<FollowJointTrajectoryGoal, FollowJointTrajectoryResult, FollowJointTrajectoryFeedback> Server { get; }

    private bool Accept(FollowJointTrajectoryGoal goal)
    {
        var error = Validate(goal);
        if (error is not null)
        {
            Logger.Warn($"rejected trajectory: {error}");
        }

        return error is null;
    }

    private string? Validate(FollowJointTrajectoryGoal goal)
    {
        var names = goal.Trajectory.JointNames;
        var unknown = names.Where(n => !_joints.Contains(n)).ToList();
        return goal.MultiDofTrajectory.JointNames.Length > 0 || goal.MultiDofTrajectory.Points.Length > 0 ? "multi-DOF trajectories are not supported"
            : names.Length == 0 ? "the trajectory names no joints"
            : unknown.Count > 0 ? $"unknown joint(s) {string.Join(", ", unknown)} (this controller has {string.Join(", ", _joints)})"
            : names.Distinct().Count() != names.Length ? "a joint is named twice"
            : TrajectorySampler.TryCreate(new double[names.Length], goal.Trajectory.Points, out var error) is null ? error
            : null;
    }

    // The action server runs this on the thread pool: it only hands the goal to the control timer and waits. Sampling
    // and commanding happen in Update, on the executor at rate_hz — never on the pool, which a busy process can starve
    // for longer than the supervisor's command watchdog (seen in CI: the arm held mid-trajectory).
    private Task<FollowJointTrajectoryResult> ExecuteAsync(ServerGoal<FollowJointTrajectoryGoal, FollowJointTrajectoryFeedback> goal, CancellationToken cancellationToken)
    {
        var tracking = Begin(goal);
        Tracking? preempted;
        lock (_lock)
        {
            (preempted, _tracking) = (_tracking, tracking);
        }

        if (preempted is not null)
        {
            preempted.Goal.Canceled($"preempted by goal {goal.Id}");
            Hold(preempted.Names);
            preempted.Done.TrySetResult(Result(FollowJointTrajectoryResult.SUCCESSFUL, "canceled"));
        }

        return tracking.Done.Task;
    }

    private Tracking Begin(ServerGoal<FollowJointTrajectoryGoal, FollowJointTrajectoryFeedback> goal)
    {
        var names = goal.Goal.Trajectory.JointNames;
        var start = Actual(names);
        if (start is null)
        {
            Logger.Warn($"goal {goal.Id}: no joint_states yet, so tracking is not checked; starting from the first point");
        }

        var sampler = TrajectorySampler.TryCreate(start ?? goal.Goal.Trajectory.Points[0].Positions, goal.Goal.Trajectory.Points, out var error)
            ?? throw new InvalidOperationException(error);
        return new Tracking(goal, names, sampler, Tolerances(names, goal.Goal.PathTolerance), Tolerances(names, goal.Goal.GoalTolerance), RosTime.ToTimeSpan(goal.Goal.GoalTimeTolerance).TotalSeconds, Clock.GetTimestamp());
    }

    // Executor thread, every control period: one sample of the active goal, and its end when it has one.
    private void Update()
    {
        Tracking? tracking;
        lock (_lock)
        {
            tracking = _tracking;
        }

        if (tracking is null || Step(tracking) is not { } result)
        {
            return;
        }

        lock (_lock)
        {
            if (_tracking == tracking)
            {
                _tracking = null;
            }
        }

        tracking.Done.TrySetResult(result);
    }

    /// <summary>Commands the sample for now; the goal's result once it is over, else null.</summary>
    private FollowJointTrajectoryResult? Step(Tracking tracking)
    {
        var (goal, names, position, velocity) = (tracking.Goal, tracking.Names, tracking.Position, tracking.Velocity);
        if (goal.IsCancelRequested || goal.Status == GoalStatusCode.Canceling)
        {
            Hold(names);
            return Result(FollowJointTrajectoryResult.SUCCESSFUL, "canceled");
        }

        var sampler = tracking.Sampler;
        var t = Clock.GetElapsedTime(tracking.Began).TotalSeconds;
        sampler.Sample(t, position, velocity);
        Command(names, position, velocity);
        var actual = Actual(names);
        goal.PublishFeedback(Feedback(names, position, velocity, actual));
        if (actual is not null && Violated(tracking.PathTolerance, position, actual) is { } joint && t < sampler.Duration)
        {
            goal.Abort($"path tolerance violated by {names[joint]} ({actual[joint] - position[joint]:0.####} rad from the trajectory)");
            Hold(names);
            return Result(FollowJointTrajectoryResult.PATH_TOLERANCE_VIOLATED, $"joint {names[joint]} left the path tolerance");
        }

        if (t < sampler.Duration)
        {
            return null;
        }

        if (actual is null || Violated(tracking.GoalTolerance, position, actual) is null)
        {
            return Result(FollowJointTrajectoryResult.SUCCESSFUL, string.Empty);
        }

        if (t >= sampler.Duration + tracking.GoalTime)
        {
            var late = Violated(tracking.GoalTolerance, position, actual)!.Value;
            goal.Abort($"goal tolerance violated by {names[late]} after {tracking.GoalTime:0.###} s of goal time tolerance");
            return Result(FollowJointTrajectoryResult.GOAL_TOLERANCE_VIOLATED, $"joint {names[late]} did not reach the goal tolerance");
        }

        return null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Tracking? tracking;
            lock (_lock)
            {
                (tracking, _tracking) = (_tracking, null);
            }

            // A goal still running ends with the controller instead of waiting for ever.
            tracking?.Goal.Abort("the controller shut down");
            tracking?.Done.TrySetResult(Result(FollowJointTrajectoryResult.INVALID_GOAL, "the controller shut down"));
        }

        base.Dispose(disposing);
    }

    /// <summary>The actual positions of <paramref name="names"/> from the latest joint_states, or null if any is missing.</summary>
    private double[]? Actual(string[] names)
    {
        var state = Volatile.Read(ref _state);
        if (state is null)
        {
            return null;
        }

        var actual = new double[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var at = Array.IndexOf(state.Name, names[i]);
            if (at < 0 || at >= state.Position.Length)
            {
                return null;
            }

            actual[i] = state.Position[at];
        }

        return actual;
    }

    /// <summary>Tolerance per goal joint (0 = unchecked), from the goal's JointTolerance entries by name.</summary>
    private static double[] Tolerances(string[] names, JointTolerance[] tolerances) =>
        [.. names.Select(n => tolerances.FirstOrDefault(t => t.Name == n)?.Position is > 0 and var p ? p : 0)];

    private static int? Violated(double[] tolerance, double[] desired, double[] actual)
    {
        for (var i = 0; i < tolerance.Length; i++)
        {
            if (tolerance[i] > 0 && Math.Abs(actual[i] - desired[i]) > tolerance[i])
            {
                return i;
            }
        }

        return null;
    }

    private void Command(string[] names, double[] position, double[] velocity) => _commands.Publish(new CommandRequest
    {
        Header = new Header { Stamp = Now(), FrameId = string.Empty },
        Source = CommandRequest.SOURCE_SCRIPTED,
        SourceId = FullyQualifiedName,
        ObservationStamp = Volatile.Read(ref _state)?.Header.Stamp ?? new BuiltinTime(),
        Sequence = Interlocked.Increment(ref _sequence),
        JointNames = names,
        BasePosition = [.. position],
        VelocityFeedforward = [.. velocity],
    });

    /// <summary>On cancel or abort: ask to stay where the arm actually is (ros2_controllers' hold position).</summary>
    private void Hold(string[] names)
    {
        if (Actual(names) is { } actual)
        {
            Command(names, actual, new double[names.Length]);
        }
    }

    private FollowJointTrajectoryFeedback Feedback(string[] names, double[] desired, double[] velocity, double[]? actual) => new()
    {
        Header = new Header { Stamp = Now() },
        JointNames = names,
        Desired = new JointTrajectoryPoint { Positions = [.. desired], Velocities = [.. velocity] },
        Actual = new JointTrajectoryPoint { Positions = actual ?? [] },
        Error = new JointTrajectoryPoint { Positions = actual is null ? [] : [.. actual.Select((a, i) => desired[i] - a)] },
    };

    private static FollowJointTrajectoryResult Result(int code, string text) => new() { ErrorCode = code, ErrorString = text };

    /// <summary>The goal being followed and what sampling it needs.</summary>
    private sealed record Tracking(
        ServerGoal<FollowJointTrajectoryGoal, FollowJointTrajectoryFeedback> Goal,
        string[] Names,
        TrajectorySampler Sampler,
        double[] PathTolerance,
        double[] GoalTolerance,
        double GoalTime,
        long Began)
    {
        public double[] Position { get; } = new double[Names.Length];

        public double[] Velocity { get; } = new double[Names.Length];

        /// <summary>Completed by the control timer; its awaiter (the action server) continues on the pool, not on the executor.</summary>
        public TaskCompletionSource<FollowJointTrajectoryResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
