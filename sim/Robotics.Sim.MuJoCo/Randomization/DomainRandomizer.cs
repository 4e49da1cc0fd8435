namespace Robotics.Sim.MuJoCo.Randomization;

/// <summary>
/// Applies <see cref="RandomizationOptions"/> and a <see cref="Shift"/> to a model at each reset: first the nominal
/// values come back (<see cref="NominalModel"/>), then each episode's draw, then the shift. Actuator offsets (the
/// randomized calibration error plus the shift's bias) are kept per actuated joint for the task to add to commands.
/// </summary>
public sealed class DomainRandomizer
{
    private const string Friction = "geom_friction";
    private const string Mass = "body_mass";
    private const string Inertia = "body_inertia";
    private const string Gain = "actuator_gainprm";
    private const string BiasParameters = "actuator_biasprm";

    private readonly MjModel _model;
    private readonly IReadOnlyList<string> _joints;
    private readonly int[] _actuators;
    private readonly double[] _offsets;
    private readonly int _gainColumns;
    private readonly int _biasColumns;
    private int[] _massBodies = [];
    private int[] _biasJoints = [];

    /// <param name="model">The model to edit in place.</param>
    /// <param name="jointNames">The task's actuated joints, in order.</param>
    /// <param name="actuators">The actuator of each joint, same order.</param>
    public DomainRandomizer(MjModel model, IReadOnlyList<string> jointNames, IReadOnlyList<int> actuators)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(jointNames);
        ArgumentNullException.ThrowIfNull(actuators);
        if (jointNames.Count != actuators.Count)
        {
            throw new ArgumentException($"{jointNames.Count} joints but {actuators.Count} actuators");
        }

        _model = model;
        _joints = jointNames;
        _actuators = [.. actuators];
        _offsets = new double[_actuators.Length];
        _gainColumns = model.Columns(Gain);
        _biasColumns = model.Columns(BiasParameters);
        Nominal = new NominalModel(model, [Friction, Mass, Inertia, Gain, BiasParameters]);
    }

    public NominalModel Nominal { get; }

    public RandomizationOptions Options
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value));
    } = RandomizationOptions.None;

    /// <summary>The shift applied after randomization; its body and joint names are checked when it is set.</summary>
    public Shift Shift
    {
        get;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _massBodies = value.MassBodies.Count == 0 ? [.. Enumerable.Range(1, _model.Nbody - 1)] : [.. value.MassBodies.Select(b => _model.Id(MjObjectType.Body, b))];
            _biasJoints = value.BiasJoints.Count == 0 ? [.. Enumerable.Range(0, _joints.Count)] : [.. value.BiasJoints.Select(JointIndex)];
            field = value;
        }
    } = Shift.None;

    /// <summary>The offset added to each actuated joint's command this episode (joint units).</summary>
    public ReadOnlySpan<double> ActuatorOffsets => _offsets;

    /// <summary>Restores the nominal model, then draws this episode's values from <paramref name="seed"/> and applies the shift.</summary>
    public void Apply(int seed)
    {
        Nominal.Restore();
        var random = new Random(seed);
        var options = Options;
        ScaleFriction(options.FrictionScale, random);
        ScaleMasses(options.MassScale, random);
        ScaleGains(options.GainScale, random);
        for (var i = 0; i < _offsets.Length; i++)
        {
            _offsets[i] = random.NextGaussian(options.ActuatorOffsetStd);
        }

        ApplyShift(random);
    }

    private void ApplyShift(Random random)
    {
        var shift = Shift;
        var friction = _model.Doubles(Friction);
        for (var i = 0; i < friction.Length; i++)
        {
            friction[i] *= shift.Friction;
        }

        foreach (var body in _massBodies)
        {
            ScaleBody(body, shift.Mass);
        }

        for (var a = 0; a < _model.Nu; a++)
        {
            ScaleGain(a, shift.Gain);
        }

        if (shift.Bias > 0)
        {
            // A direction uniform on the sphere: normalized Gaussian components.
            Span<double> direction = stackalloc double[_biasJoints.Length];
            var norm = 0.0;
            for (var i = 0; i < direction.Length; i++)
            {
                direction[i] = random.NextGaussian(1);
                norm += direction[i] * direction[i];
            }

            norm = Math.Sqrt(norm);
            for (var i = 0; i < direction.Length; i++)
            {
                _offsets[_biasJoints[i]] += shift.Bias * direction[i] / norm;
            }
        }
    }

    private void ScaleFriction(UniformRange range, Random random)
    {
        var friction = _model.Doubles(Friction);
        var columns = _model.Columns(Friction);
        for (var g = 0; g < _model.Ngeom; g++)
        {
            var scale = range.Sample(random);
            for (var c = 0; c < columns; c++)
            {
                friction[(g * columns) + c] *= scale;
            }
        }
    }

    private void ScaleMasses(UniformRange range, Random random)
    {
        for (var b = 1; b < _model.Nbody; b++)
        {
            ScaleBody(b, range.Sample(random));
        }
    }

    private void ScaleGains(UniformRange range, Random random)
    {
        for (var a = 0; a < _model.Nu; a++)
        {
            ScaleGain(a, range.Sample(random));
        }
    }

    private void ScaleBody(int body, double scale)
    {
        _model.Doubles(Mass)[body] *= scale;
        var inertia = _model.Doubles(Inertia);
        for (var c = 0; c < 3; c++)
        {
            inertia[(body * 3) + c] *= scale;
        }
    }

    // A position actuator is force = kp * ctrl - kp * qpos: gainprm[0] = kp and biasprm[1] = -kp scale together.
    private void ScaleGain(int actuator, double scale)
    {
        _model.Doubles(Gain)[actuator * _gainColumns] *= scale;
        _model.Doubles(BiasParameters)[(actuator * _biasColumns) + 1] *= scale;
    }

    private int JointIndex(string name)
    {
        for (var i = 0; i < _joints.Count; i++)
        {
            if (_joints[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"the shift biases joint '{name}', which is not one of the task's actuated joints ({string.Join(", ", _joints)})");
    }
}
