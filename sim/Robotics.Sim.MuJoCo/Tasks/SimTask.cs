using Robotics.Sim.MuJoCo.Randomization;

namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// A benchmark task in MuJoCo: owns its model (from the models folder beside this assembly) and state, takes joint
/// position targets at <see cref="ControlRateHz"/> and steps physics one control period per action. Each reset draws
/// the scene (initial state, object poses), the domain randomization and the sensor noise from the seed, so one seed
/// is one reproducible episode. Success and progress are measured physically (site distances, contacts), never by
/// elapsed time; stages are raised once per episode, when first seen after a control step.
/// </summary>
public abstract class SimTask : IDisposable
{
    private readonly ActuatedJoint[] _joints;
    private readonly int[] _geomBody;
    private readonly int _homeKey;
    private readonly List<StageEvent> _stages = [];
    private Random _sensorNoise = new(0);
    private TaskEvaluation _evaluation;

    /// <param name="modelFile">File name in the models folder.</param>
    /// <param name="jointNames">The joints a policy commands, in action order; each is driven by one position actuator.</param>
    /// <param name="controlRateHz">Policy rate; one control period must be a whole number of physics steps.</param>
    /// <param name="episodeSeconds">Time limit of an episode (a runner's cut-off, not part of success).</param>
    protected SimTask(string modelFile, IReadOnlyList<string> jointNames, double controlRateHz, double episodeSeconds)
    {
        ArgumentNullException.ThrowIfNull(jointNames);
        if (!(controlRateHz > 0) || !double.IsFinite(controlRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(controlRateHz), controlRateHz, "a control rate is a positive number of hertz");
        }

        if (!(episodeSeconds > 0) || !double.IsFinite(episodeSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(episodeSeconds), episodeSeconds, "an episode lasts a positive number of seconds");
        }

        Model = MjModel.Load(ModelPath(modelFile));
        Data = Model.CreateData();
        JointNames = [.. jointNames];
        _joints = [.. jointNames.Select(name => ActuatedJoint.Find(Model, name))];
        _geomBody = Model.Ints("geom_bodyid").ToArray();
        _homeKey = Model.Id(MjObjectType.Key, "home");
        var steps = 1.0 / (controlRateHz * Model.Timestep);
        StepsPerControl = (int)Math.Round(steps);
        if (StepsPerControl < 1 || Math.Abs(steps - StepsPerControl) > 1e-6)
        {
            throw new ArgumentOutOfRangeException(nameof(controlRateHz), controlRateHz, $"{1 / controlRateHz} s is not a whole number of {Model.Timestep} s physics steps");
        }

        ControlRateHz = controlRateHz;
        MaxControlSteps = (int)Math.Ceiling(episodeSeconds * controlRateHz);
        Randomizer = new DomainRandomizer(Model, JointNames, [.. _joints.Select(j => j.Actuator)]);
    }

    /// <summary>A stage reached for the first time this episode.</summary>
    public event EventHandler<StageEvent>? StageReached;

    /// <summary>Where the models are: beside this assembly (the project copies sim/models there).</summary>
    public static string ModelsDirectory => Path.Combine(Path.GetDirectoryName(typeof(SimTask).Assembly.Location) is { Length: > 0 } dir ? dir : AppContext.BaseDirectory, "models");

    public MjModel Model { get; }

    public MjData Data { get; }

    /// <summary>
    /// The commanded joints, in the order of actions and <see cref="ReadJointPositions"/>. In our models each joint's
    /// actuator has the joint's name (the gantry's `gripper` joint is the right finger, the half-opening).
    /// </summary>
    public IReadOnlyList<string> JointNames { get; }

    public int JointCount => _joints.Length;

    public double ControlRateHz { get; }

    public double ControlPeriodSeconds => 1.0 / ControlRateHz;

    public int StepsPerControl { get; }

    /// <summary>The episode's time limit in control steps.</summary>
    public int MaxControlSteps { get; }

    /// <summary>Control steps since the last reset.</summary>
    public int ControlStep { get; private set; }

    /// <summary>The seed of the current episode.</summary>
    public int Seed { get; private set; }

    /// <summary>Randomization options and the evaluation shift, applied at each reset.</summary>
    public DomainRandomizer Randomizer { get; }

    /// <summary>Stages reached this episode, in order.</summary>
    public IReadOnlyList<StageEvent> Stages => _stages;

    /// <summary>Number of values <see cref="Observe"/> writes: the joints, then <see cref="TaskObservationNames"/>.</summary>
    public int ObservationSize => JointCount + TaskObservationNames.Count;

    /// <summary>Names of the task values after the joint positions in <see cref="Observe"/> (e.g. target_x).</summary>
    public abstract IReadOnlyList<string> TaskObservationNames { get; }

    public static string ModelPath(string file) => Path.Combine(ModelsDirectory, file);

    /// <summary>Starts episode <paramref name="seed"/>: nominal model, then randomization and shift, then the scene.</summary>
    public void Reset(int seed)
    {
        Seed = seed;
        Randomizer.Apply(Seeds.Derive(seed, Seeds.Randomization));
        Data.Reset(_homeKey);
        _stages.Clear();
        ControlStep = 0;
        _sensorNoise = new Random(Seeds.Derive(seed, Seeds.SensorNoise));
        InitializeEpisode(new Random(Seeds.Derive(seed, Seeds.Scene)));
        Data.Forward();

        // The servos start commanded to where the joints are (an offset, if any, acts from the first step).
        var qpos = Data.Qpos;
        var ctrl = Data.Ctrl;
        var offsets = Randomizer.ActuatorOffsets;
        for (var i = 0; i < _joints.Length; i++)
        {
            ctrl[_joints[i].Actuator] = Math.Clamp(qpos[_joints[i].QposAddress] + offsets[i], _joints[i].CtrlMin, _joints[i].CtrlMax);
        }

        OnEpisodeStarted();
        _evaluation = Measure();
    }

    /// <summary>
    /// Puts the robot at <paramref name="positions"/> (at rest, its servos commanded there) after a reset, as the graph
    /// runtime starts each episode where the robot stands; the scene stays as the seed drew it.
    /// </summary>
    public void PlaceRobot(ReadOnlySpan<double> positions)
    {
        if (positions.Length != _joints.Length)
        {
            throw new ArgumentException($"expected {_joints.Length} joint positions, got {positions.Length}", nameof(positions));
        }

        var qpos = Data.Qpos;
        var ctrl = Data.Ctrl;
        var offsets = Randomizer.ActuatorOffsets;
        for (var i = 0; i < _joints.Length; i++)
        {
            qpos[_joints[i].QposAddress] = positions[i];
            ctrl[_joints[i].Actuator] = Math.Clamp(positions[i] + offsets[i], _joints[i].CtrlMin, _joints[i].CtrlMax);
        }

        Data.Qvel.Clear();
        Data.Forward();
        OnEpisodeStarted();
        _evaluation = Measure();
    }

    /// <summary>
    /// Commands joint position targets (plus this episode's actuator offsets, clamped to each servo's range) and steps
    /// physics for one control period. A non-finite target is refused, never dropped silently.
    /// </summary>
    public void ApplyAction(ReadOnlySpan<double> jointTargets)
    {
        if (jointTargets.Length != _joints.Length)
        {
            throw new ArgumentException($"expected {_joints.Length} joint targets ({string.Join(", ", JointNames)}), got {jointTargets.Length}", nameof(jointTargets));
        }

        var ctrl = Data.Ctrl;
        var offsets = Randomizer.ActuatorOffsets;
        for (var i = 0; i < _joints.Length; i++)
        {
            var target = jointTargets[i];
            if (!double.IsFinite(target))
            {
                throw new ArgumentException($"the target for {_joints[i].Name} is {target}", nameof(jointTargets));
            }

            ctrl[_joints[i].Actuator] = Math.Clamp(target + offsets[i], _joints[i].CtrlMin, _joints[i].CtrlMax);
        }

        Data.Step(StepsPerControl);
        // mj_step leaves positions, sites and contacts one step behind qpos; the task measures the state it reached.
        Data.Forward();
        if (Data.Diverged)
        {
            throw new MuJoCoException($"{Path.GetFileName(Model.Path)} diverged at t = {Data.Time:F3} s (episode {Seed}); MuJoCo reset the state");
        }

        ControlStep++;
        _evaluation = Measure();
    }

    /// <summary>Success, progress and stage after the last reset or action.</summary>
    public TaskEvaluation Evaluate() => _evaluation;

    /// <summary>
    /// Measures <see cref="Data"/> again after someone else changed it (the graph runtime copies the live world into it
    /// each control period; it has run mj_forward).
    /// </summary>
    public TaskEvaluation Remeasure()
    {
        _evaluation = Measure();
        return _evaluation;
    }

    /// <summary>True joint positions, in <see cref="JointNames"/> order.</summary>
    public void ReadJointPositions(Span<double> positions)
    {
        var qpos = Data.Qpos;
        for (var i = 0; i < _joints.Length; i++)
        {
            positions[i] = qpos[_joints[i].QposAddress];
        }
    }

    /// <summary>The commanded range of joint <paramref name="index"/> (the servo's limits).</summary>
    public (double Min, double Max) CommandRange(int index) => (_joints[index].CtrlMin, _joints[index].CtrlMax);

    /// <summary>The state a policy sees: joint positions and task values (see each task), with this episode's sensor noise.</summary>
    public void Observe(Span<double> observation)
    {
        if (observation.Length != ObservationSize)
        {
            throw new ArgumentException($"the observation has {ObservationSize} values, not {observation.Length}", nameof(observation));
        }

        ReadJointPositions(observation);
        WriteTaskObservation(observation[_joints.Length..]);
        var std = Randomizer.Options.SensorNoiseStd;
        if (std > 0)
        {
            for (var i = 0; i < observation.Length; i++)
            {
                observation[i] += _sensorNoise.NextGaussian(std);
            }
        }
    }

    /// <summary>The task values of <see cref="Observe"/> alone, without sensor noise (the graph's environment_state).</summary>
    public void ObserveTask(Span<double> values) => WriteTaskObservation(values[..TaskObservationNames.Count]);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Places this episode's scene in <see cref="Data"/> (qpos, mocap), the home keyframe already loaded.</summary>
    protected abstract void InitializeEpisode(Random random);

    /// <summary>After the scene is placed and forwarded: take per-episode references (start distances, rest heights).</summary>
    protected virtual void OnEpisodeStarted()
    {
    }

    /// <summary>Measures the state; calls <see cref="Reached"/> for stages it sees and returns <see cref="Evaluation"/>.</summary>
    protected abstract TaskEvaluation Measure();

    /// <summary>The values after the joint positions in <see cref="Observe"/>.</summary>
    protected abstract void WriteTaskObservation(Span<double> values);

    /// <summary>Records <paramref name="stage"/> the first time it is reached this episode and raises <see cref="StageReached"/>.</summary>
    protected void Reached(TaskStage stage)
    {
        foreach (var seen in _stages)
        {
            if (seen.Stage == stage)
            {
                return;
            }
        }

        var reached = new StageEvent(stage, Data.Time, ControlStep);
        _stages.Add(reached);
        StageReached?.Invoke(this, reached);
    }

    /// <summary>An evaluation with progress clamped to [0, 1] and the latest stage.</summary>
    protected TaskEvaluation Evaluation(bool success, double progress) =>
        new(success, success ? 1 : Math.Clamp(double.IsFinite(progress) ? progress : 0, 0, 1), _stages.Count == 0 ? TaskStage.None : _stages[^1].Stage);

    protected Vec3 SitePosition(int site) => Vec3.Row(Data.SiteXpos, site);

    /// <summary>Whether <paramref name="geom"/> touches any geom of <paramref name="body"/> in the current state.</summary>
    protected bool TouchesBody(int geom, int body)
    {
        for (var i = 0; i < Data.ContactCount; i++)
        {
            var contact = Data.Contact(i);
            if ((contact.Geom1 == geom && _geomBody[contact.Geom2] == body) || (contact.Geom2 == geom && _geomBody[contact.Geom1] == body))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Moves mocap body <paramref name="body"/> (a fixed object placed per episode).</summary>
    protected void PlaceMocap(int body, Vec3 position)
    {
        var mocap = Model.Ints("body_mocapid")[body];
        if (mocap < 0)
        {
            throw new MuJoCoException($"body {Model.NameOf(MjObjectType.Body, body)} is not a mocap body");
        }

        position.CopyTo(Data.Doubles("mocap_pos").Slice(3 * mocap, 3));
    }

    protected int QposAddress(int jointIndex) => _joints[jointIndex].QposAddress;

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Data.Dispose();
            Model.Dispose();
        }
    }
}
