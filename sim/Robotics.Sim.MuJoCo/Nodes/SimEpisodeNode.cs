using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.RosgraphMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Robotics.Sim.MuJoCo.Runtime;

namespace Robotics.Sim.MuJoCo.Nodes;

/// <summary>
/// Runs episodes of a simulated task (<c>sim_episodes</c>): starts each one (objects and goals from a seed), judges it
/// from physics (success, ground-truth progress, stage events for reward-model labels), and — with
/// <c>expert:=true</c> — drives the privileged scripted expert, whose targets go to the supervisor as requests on
/// <c>cmd/request</c> like any other source's. Publishes <c>episode/events</c> (robotics_msgs/EpisodeEvent),
/// <c>episode/reward</c> (robotics_msgs/Reward), <c>observation/environment_state</c> (robotics_msgs/StateVector: the
/// task's object and goal positions, for policies) and <c>/clock</c> (sim time). The world comes from the supervisor
/// with <c>hardware:=mujoco</c> in the same process.
/// </summary>
public sealed class SimEpisodeNode : Node
{
    private readonly SimWorld _world;
    private readonly double[] _targets;
    private readonly string[] _joints;
    private readonly Publisher<CommandRequest> _commands;
    private readonly Publisher<EpisodeEvent> _events;
    private readonly Publisher<Reward> _rewards;
    private readonly Publisher<Clock> _clock;
    private readonly Publisher<StateVector> _environment;
    private readonly string[] _environmentNames;
    private readonly Publisher<Messages.SensorMsgs.Image>? _images;
    private readonly Camera.SimCamera? _camera;
    private readonly string _cameraName = string.Empty;
    private readonly double _cameraPeriodS;
    private double _lastImageS = double.NegativeInfinity;
    private readonly bool _expert;
    private readonly long _episodesWanted;
    private readonly int _seed;
    private readonly List<EpisodeOutcome> _outcomes = [];
    private readonly Lock _outcomesLock = new();
    private volatile bool _running;
    private bool _inEpisode;
    private double _episodeStart;
    private int _stage = -1;
    private ulong _sequence;

    public SimEpisodeNode(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        var read = new ParameterDescriptor { ReadOnly = true };
        var world = Parameters.Declare("sim_world", "default", read with { Description = "the supervisor's sim_world (hardware:=mujoco in this process)" });
        _expert = Parameters.Declare("expert", true, read with { Description = "drive the task's scripted expert (false: only judge episodes, a policy drives)" });
        _episodesWanted = Parameters.Declare("episodes", 0L, read with { Description = "episodes to run; 0: forever" });
        _seed = (int)Parameters.Declare("seed", 0L, read with { Description = "episode i uses seed + i" });
        _world = SimWorld.Find(world, TimeSpan.FromSeconds(10));
        _joints = [.. _world.Task.JointNames];
        _targets = new double[_joints.Length];
        _commands = CreatePublisher<CommandRequest>("cmd/request");
        _events = CreatePublisher<EpisodeEvent>("episode/events");
        _rewards = CreatePublisher<Reward>("episode/reward");
        _clock = CreatePublisher<Clock>("/clock");
        _environment = CreatePublisher<StateVector>("observation/environment_state");
        _environmentNames = [.. _world.Task.EnvironmentStateNames];
        CreateSubscription<SupervisorStatus>("supervisor/status", status => _running = status.State == SupervisorStatus.STATE_RUNNING);
        CreateTimer(TimeSpan.FromSeconds(1 / _world.Task.ControlRateHz), Tick);
        var cameraHz = Parameters.Declare("camera_hz", 0.0, read with { Description = "rate of camera/image_raw (sensor_msgs/Image, rgb8) from the model's camera; 0: off (software rendering costs 15-150 ms a frame here)" });
        if (cameraHz > 0)
        {
            _cameraName = Parameters.Declare("camera", "front", read with { Description = "the model's camera to render" });
            var width = (int)Parameters.Declare("camera_width", 320L, read);
            var height = (int)Parameters.Declare("camera_height", 240L, read);
            _ = _world.Model.Id(MjObjectType.Camera, _cameraName); // a clear error now, naming the cameras the model has
            _camera = Camera.SimCamera.Create(_world.Model, width, height);
            _images = CreatePublisher<Messages.SensorMsgs.Image>("camera/image_raw", Middleware.Qos.QosProfile.SensorData);
            _cameraPeriodS = 1 / cameraHz;
        }
    }

    /// <summary>Episodes finished so far, oldest first.</summary>
    public IReadOnlyList<EpisodeOutcome> Outcomes
    {
        get
        {
            lock (_outcomesLock)
            {
                return [.. _outcomes];
            }
        }
    }

    /// <summary>True once the wanted number of episodes ran.</summary>
    public bool Finished => _episodesWanted > 0 && Outcomes.Count >= _episodesWanted;

    public string TaskName => _world.Task.Name;

    /// <summary>Simulation time of the world, s.</summary>
    public double SimTime => _world.Arm.SimTime;

    private int EpisodeIndex => Outcomes.Count;

    private void Tick()
    {
        var stamp = Now();
        var state = _world.Task.State;
        _world.Arm.CopyStateTo(state);
        _clock.Publish(new Clock { ClockValue = RosTime.ToMessage((long)(state.Time * 1e9)) });
        PublishImage(state, stamp);
        PublishEnvironment(stamp);
        if (!_running)
        {
            // Episodes run only while the supervisor runs: until then (and after a stop) ask to stay where the arm is,
            // which is also what START requires of the first command (within the step cap of the measured pose).
            EndEpisode(state, new TaskProgress(false, 0, _stage, string.Empty), "the supervisor stopped running");
            HoldHere(stamp);
            return;
        }

        if (!_inEpisode && !Finished)
        {
            // The expert commands in the same period: a skipped period between episodes would starve the
            // supervisor's command watchdog (E17) for two periods.
            Begin();
            _world.Arm.CopyStateTo(state);
        }

        if (!_inEpisode)
        {
            // All episodes ran: keep holding where the expert is until the operator stops.
            Act(stamp);
            return;
        }

        var progress = _world.Task.Evaluate();
        if (progress.Stage != _stage)
        {
            _stage = progress.Stage;
            Event(EpisodeEvent.EVENT_STAGE, progress.StageName, progress.Stage);
        }

        var elapsed = state.Time - _episodeStart;
        var timedOut = elapsed > _world.Task.TimeLimit.TotalSeconds;
        _rewards.Publish(new Reward
        {
            Header = new Header { Stamp = stamp, FrameId = string.Empty },
            ObservationStamp = stamp,
            RewardValue = progress.Success ? 1 : 0,
            Progress = (float)progress.Progress,
            Stage = progress.Stage,
            SuccessProbability = progress.Success ? 1 : 0,
            Terminal = progress.Success,
            Truncated = !progress.Success && timedOut,
            ModelId = "ground_truth",
        });
        if (progress.Success || timedOut)
        {
            // The expert still commands this period (it holds): the next episode starts with the next one.
            EndEpisode(state, progress, progress.Success ? "success" : $"time limit {_world.Task.TimeLimit.TotalSeconds:0.#} s");
        }

        Act(stamp);
    }

    // What a policy sees of the world beside joint_states (target, objects), from the same mirror, same stamp.
    private void PublishEnvironment(Messages.BuiltinInterfaces.Time stamp)
    {
        var values = new double[_environmentNames.Length];
        _world.Task.ObserveEnvironment(values);
        _environment.Publish(new StateVector { Header = new Header { Stamp = stamp, FrameId = string.Empty }, Names = _environmentNames, Values = values });
    }

    // Renders the mirror of the live world in the control period it was copied (one thread touches it), never the
    // data the control loop steps; at most camera_hz, on sim time.
    private void PublishImage(MjData state, Messages.BuiltinInterfaces.Time stamp)
    {
        if (_camera is null || state.Time - _lastImageS < _cameraPeriodS)
        {
            return;
        }

        _lastImageS = state.Time;
        _images!.Publish(_camera.RenderImage(state, _cameraName, new Header { Stamp = stamp, FrameId = _cameraName }));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _camera?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EndEpisode(MjData state, TaskProgress progress, string why)
    {
        if (!_inEpisode)
        {
            return;
        }

        Event(progress.Success ? EpisodeEvent.EVENT_SUCCESS : EpisodeEvent.EVENT_FAILURE, why, progress.Stage);
        lock (_outcomesLock)
        {
            _outcomes.Add(new EpisodeOutcome(_outcomes.Count, _seed + _outcomes.Count, progress.Success, state.Time - _episodeStart, progress.Progress));
        }

        _inEpisode = false;
    }

    private void HoldHere(Messages.BuiltinInterfaces.Time stamp)
    {
        if (!_expert)
        {
            return;
        }

        _world.Task.ReadJointPositions(_targets);
        Command(stamp);
    }

    private void Act(Messages.BuiltinInterfaces.Time stamp)
    {
        if (_expert)
        {
            _world.Task.Act(_targets);
            Command(stamp);
        }
    }

    private void Command(Messages.BuiltinInterfaces.Time stamp) => _commands.Publish(new CommandRequest
    {
        Header = new Header { Stamp = stamp, FrameId = string.Empty },
        Source = CommandRequest.SOURCE_SCRIPTED,
        SourceId = FullyQualifiedName,
        ObservationStamp = stamp,
        Sequence = ++_sequence,
        JointNames = _joints,
        BasePosition = [.. _targets],
    });

    private void Begin()
    {
        var seed = _seed + EpisodeIndex;
        _world.Arm.Edit(live => _world.Task.BeginEpisode(live, seed));
        if (_expert)
        {
            // Planning (inverse kinematics) takes tens of ms on this executor: only when the expert drives.
            _world.Task.PrepareExpert(seed);
        }

        (_inEpisode, _episodeStart, _stage) = (true, _world.Arm.SimTime, -1);
        Event(EpisodeEvent.EVENT_START, $"seed {seed}", -1);
    }

    private void Event(byte kind, string detail, int stage) => _events.Publish(new EpisodeEvent
    {
        Header = new Header { Stamp = Now(), FrameId = string.Empty },
        Event = kind,
        EpisodeIndex = (uint)EpisodeIndex,
        Task = _world.Task.Name,
        Stage = stage,
        Detail = detail,
    });

}

/// <summary>One finished episode.</summary>
public sealed record EpisodeOutcome(int Index, int Seed, bool Success, double DurationSeconds, double Progress);
