using Robotics.Middleware.Hardware;
using Robotics.Middleware.Time;

namespace Robotics.Sim.MuJoCo.Robot;

/// <summary>
/// A MuJoCo arm behind the same <see cref="IHardwareComponent"/> as the serial servo driver: position actuators
/// driven like servos (<see cref="ServoModel"/>: encoder steps, command latency, read noise), torque off as servos
/// that follow their joints (no force), goal = present before torque enable (SAFETY.md I34). In <see cref="StepMode.RealTime"/> each read first
/// steps physics up to the loop's clock, so no second thread touches the simulation; in <see cref="StepMode.Lockstep"/>
/// physics advances only through <see cref="Advance"/>. Called from one thread (the control loop's); allocates
/// nothing per call. Other threads (a task's episode logic, a privileged scripted expert) see the world only through
/// <see cref="CopyStateTo"/> and change it through <see cref="Edit"/>; the loop never waits for them: when one holds
/// the world, that read skips stepping and physics catches up at the next one.
/// </summary>
public sealed class SimulatedServoArm : IHardwareComponent
{
    /// <summary>Real-time mode never steps more than this per read: a stalled loop does not make physics jump ahead.</summary>
    private static readonly TimeSpan MaxCatchUp = TimeSpan.FromMilliseconds(100);

    private readonly MjModel _model;
    private readonly MjData _data;
    private readonly TimeProvider _time;
    private readonly StepMode _mode;
    private readonly ServoModel _servo;
    private readonly int[] _qpos;
    private readonly int[] _dof;
    private readonly int[] _actuator;
    private readonly double[] _pending;
    private readonly double[] _lastPosition;
    private readonly double[] _lastVelocity;
    private long _lastStampNs;
    private readonly Random _noise;
    private readonly long _startNs;
    private readonly Lock _world = new();
    private long _applyAtSimNs = long.MaxValue;
    private long _stepsDone;

    /// <param name="joints">Actuated joints in hardware order; each needs exactly one position actuator.</param>
    public SimulatedServoArm(MjData data, IReadOnlyList<string> joints, TimeProvider time, StepMode mode = StepMode.RealTime, ServoModel? servo = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(joints);
        (_data, _model, _time, _mode, _servo) = (data, data.Model, time, mode, servo ?? new ServoModel());
        JointNames = [.. joints];
        var n = joints.Count;
        (_qpos, _dof, _actuator) = (new int[n], new int[n], new int[n]);
        (_pending, _lastPosition, _lastVelocity) = (new double[n], new double[n], new double[n]);
        var qposAdr = _model.Ints("jnt_qposadr");
        var dofAdr = _model.Ints("jnt_dofadr");
        for (var i = 0; i < n; i++)
        {
            var joint = _model.Id(MjObjectType.Joint, joints[i]);
            (_qpos[i], _dof[i], _actuator[i]) = (qposAdr[joint], dofAdr[joint], ActuatorOf(joint, joints[i]));
        }

        _noise = new Random(seed);
        _startNs = RosTime.NowNanoseconds(time);
    }

    public IReadOnlyList<string> JointNames { get; }

    public bool TorqueEnabled { get; private set; }

    public string? Fault { get; private set; }

    /// <summary>The simulation state this arm lives in (tasks read objects from it on the same thread).</summary>
    public MjData Data => _data;

    /// <summary>Simulation time in seconds.</summary>
    public double SimTime => _data.Time;

    public bool Read(Span<double> position, Span<double> velocity, out long stampNs)
    {
        if (!_world.TryEnter())
        {
            // Another thread is editing the world (an episode reset, well under a period): the world is paused, so the
            // last reading with its old stamp is the truth; the supervisor's staleness check judges its age (E18).
            stampNs = _lastStampNs;
            _lastPosition.CopyTo(position);
            _lastVelocity.CopyTo(velocity);
            return _lastStampNs != 0 && Fault is null;
        }

        stampNs = RosTime.NowNanoseconds(_time);
        try
        {
            if (_mode == StepMode.RealTime)
            {
                CatchUp();
            }

            if (Fault is not null)
            {
                return false;
            }

            var qpos = _data.Qpos;
            var qvel = _data.Qvel;
            for (var i = 0; i < _qpos.Length; i++)
            {
                position[i] = _lastPosition[i] = Quantize(qpos[_qpos[i]] + Gaussian(_servo.PositionNoise));
                velocity[i] = _lastVelocity[i] = qvel[_dof[i]];
            }

            _lastStampNs = stampNs;
            return true;
        }
        finally
        {
            _world.Exit();
        }
    }

    public void WritePosition(ReadOnlySpan<double> position, ReadOnlySpan<double> velocity)
    {
        if (!TorqueEnabled)
        {
            // I34: the goal starts where the joint is, then torque comes on; the new goal follows after the latency.
            FollowJoints();
            TorqueEnabled = true;
        }

        position.CopyTo(_pending);
        _applyAtSimNs = SimNanoseconds() + (long)_servo.CommandLatency.TotalNanoseconds;
        if (_servo.CommandLatency == TimeSpan.Zero)
        {
            ApplyPending();
        }
    }

    public void DisableTorque()
    {
        TorqueEnabled = false;
        _applyAtSimNs = long.MaxValue;
    }

    /// <summary>The actuators' force on each joint (qfrc_actuator), as a servo's load reading: what B7 limits.</summary>
    public bool ReadEffort(Span<double> effort)
    {
        var force = _data.QfrcActuator;
        for (var i = 0; i < _dof.Length; i++)
        {
            effort[i] = force[_dof[i]];
        }

        return Fault is null;
    }

    /// <summary>Lockstep mode: advances physics by <paramref name="duration"/> (whole physics steps).</summary>
    public void Advance(TimeSpan duration)
    {
        var steps = (long)Math.Round(duration.TotalSeconds / _model.Timestep);
        lock (_world)
        {
            for (var s = 0; s < steps; s++)
            {
                StepOnce();
            }
        }
    }

    /// <summary>Raised once when the control loop lets go of this arm (its world then closes too).</summary>
    public event Action? Disposed;

    public void Dispose()
    {
        // The world owns the model and data; it listens for this.
        var disposed = Disposed;
        Disposed = null;
        disposed?.Invoke();
    }

    /// <summary>Copies time, qpos, qvel, act and ctrl into <paramref name="destination"/> (a scratch data of the same model) and runs mj_forward there.</summary>
    public void CopyStateTo(MjData destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        lock (_world)
        {
            destination.Time = _data.Time;
            _data.Qpos.CopyTo(destination.Qpos);
            _data.Qvel.CopyTo(destination.Qvel);
            _data.Ctrl.CopyTo(destination.Ctrl);
        }

        destination.Forward();
    }

    /// <summary>Changes the live world between steps (an episode reset moving objects); <paramref name="edit"/> must not step.</summary>
    public void Edit(Action<MjData> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_world)
        {
            edit(_data);
            _data.Forward();
        }
    }

    private void CatchUp()
    {
        var elapsed = (RosTime.NowNanoseconds(_time) - _startNs) / 1e9;
        var target = (long)(elapsed / _model.Timestep);
        var behind = target - _stepsDone;
        var cap = (long)(MaxCatchUp.TotalSeconds / _model.Timestep);
        if (behind > cap)
        {
            _stepsDone += behind - cap;
            behind = cap;
        }

        for (var s = 0; s < behind; s++)
        {
            StepOnce();
        }
    }

    private void StepOnce()
    {
        if (!TorqueEnabled)
        {
            FollowJoints();
        }
        else if (SimNanoseconds() >= _applyAtSimNs)
        {
            ApplyPending();
        }

        _data.Step();
        _stepsDone++;
        if (_data.Diverged && Fault is null)
        {
            Fault = $"the simulation diverged at t={_data.Time:0.###} s (MuJoCo: {string.Join("; ", MuJoCoWarnings.Latest)})";
        }

    }

    private void ApplyPending()
    {
        var ctrl = _data.Ctrl;
        for (var i = 0; i < _actuator.Length; i++)
        {
            ctrl[_actuator[i]] = _pending[i];
        }

        _applyAtSimNs = long.MaxValue;
    }

    // Torque off: each physics step the servo is commanded to where its joint already is, so its spring force is
    // zero and the joint moves freely under gravity and hands (a position actuator's force is kp·(ctrl − qpos)).
    // The model's gains stay untouched, so domain randomization and torque switching never fight over them.
    private void FollowJoints()
    {
        var ctrl = _data.Ctrl;
        var qpos = _data.Qpos;
        for (var i = 0; i < _actuator.Length; i++)
        {
            ctrl[_actuator[i]] = qpos[_qpos[i]];
        }
    }

    private int ActuatorOf(int joint, string name)
    {
        var trn = _model.Ints("actuator_trnid");
        int? found = null;
        for (var a = 0; a < _model.Nu; a++)
        {
            if (trn[a * 2] == joint)
            {
                found = found is null ? a : throw new MuJoCoException($"joint '{name}' of {Path.GetFileName(_model.Path)} has more than one actuator; a servo joint needs exactly one position actuator");
            }
        }

        return found ?? throw new MuJoCoException($"joint '{name}' of {Path.GetFileName(_model.Path)} has no actuator; add a <position joint=\"{name}\"/> actuator");
    }

    private long SimNanoseconds() => (long)Math.Round(_data.Time * 1e9);

    private double Quantize(double value) => _servo.Resolution > 0 ? Math.Round(value / _servo.Resolution) * _servo.Resolution : value;

    private double Gaussian(double sigma)
    {
        if (sigma == 0)
        {
            return 0;
        }

        // Box–Muller; Random.NextDouble allocates nothing.
        var u = 1 - _noise.NextDouble();
        return sigma * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _noise.NextDouble());
    }
}
