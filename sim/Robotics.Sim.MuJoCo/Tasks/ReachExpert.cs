namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// The arm's expert: solves the tool-to-target inverse kinematics once per episode (damped least squares on a scratch
/// state), moves the four positioning joints there in a straight joint-space line, then trims away the servos' gravity
/// sag by integrating the remaining joint error into the command (the joints' feedback, as a servo's own I-term
/// would). wrist_roll and the gripper hold their start.
/// </summary>
public sealed class ReachExpert : ScriptedExpert, IDisposable
{
    // 1.2 rad/s: below the ~2 rad/s an STS3215 reaches against its damping at stall torque (so_arm.xml).
    private const double JointSpeedRadPerS = 1.2;

    // Half the remaining error per control period: converges in a few periods without exciting the servo.
    private const double TrimGain = 0.5;

    // Sag at full stretch is a few hundredths of a rad; a larger trim would only chase an obstacle.
    private const double MaxTrimRad = 0.15;

    private readonly ReachTask _task;
    private readonly SiteInverseKinematics _kinematics;
    private readonly int _positioning;
    private readonly double[] _command;
    private readonly double[] _goal;
    private readonly double[] _trim;
    private readonly double[] _measured;
    private bool _arrived;

    public ReachExpert(ReachTask task, ExpertOptions? options = null)
        : base(task, options)
    {
        _task = task;
        _kinematics = new SiteInverseKinematics(task.Model, "tool", ReachTask.PositioningJoints);
        _positioning = ReachTask.PositioningJoints.Count;
        _command = new double[task.JointCount];
        _measured = new double[task.JointCount];
        _goal = new double[_positioning];
        _trim = new double[_positioning];
    }

    /// <summary>How far from the target the inverse kinematics of this episode ended (m).</summary>
    public double SolutionErrorM { get; private set; }

    public void Dispose() => _kinematics.Dispose();

    protected override void OnReset()
    {
        _task.ReadJointPositions(_command);
        SolutionErrorM = _kinematics.Solve(_task.Target, _task.Data.Qpos, _goal);
        Array.Clear(_trim);
        _arrived = false;
    }

    protected override void Plan(Span<double> jointTargets)
    {
        var arm = _command.AsSpan(0, _positioning);
        if (!_arrived)
        {
            _arrived = MoveToward(arm, _goal, StepAt(JointSpeedRadPerS));
        }
        else
        {
            _task.ReadJointPositions(_measured);
            for (var j = 0; j < _positioning; j++)
            {
                _trim[j] = Math.Clamp(_trim[j] + (TrimGain * (_goal[j] - _measured[j])), -MaxTrimRad, MaxTrimRad);
                arm[j] = _goal[j] + _trim[j];
            }
        }

        _command.CopyTo(jointTargets);
    }
}
