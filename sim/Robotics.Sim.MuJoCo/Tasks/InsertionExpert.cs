namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// B1's open-loop expert: it knows where the slot is and plans with the nominal model (gantry joints = tip position),
/// never reading the peg's true pose afterwards. It moves to 2 cm above the rim over the slot, then descends and
/// presses 3 mm below the floor so the peg seats against the contact's softness. An actuator bias therefore lands
/// the peg off by exactly the bias: the gap a residual policy closes.
/// </summary>
public sealed class InsertionExpert(InsertionTask task, ExpertOptions? options = null) : ScriptedExpert(task, options)
{
    // Travel at 12 cm/s: the x axis (1 kg, 3000 N/m, critically damped) lags ~4 mm and settles during the descent.
    private const double TravelSpeedMps = 0.12;

    // Descend at 5 cm/s: 2 cm above the rim takes 0.4 s, enough for x and y to settle before the chamfer.
    private const double InsertSpeedMps = 0.05;

    private const double ApproachAboveRimM = 0.02;
    private const double PressBelowFloorM = 0.003;

    private readonly double[] _command = new double[3];
    private readonly double[] _goal = new double[3];
    private Vec3 _hole;
    private bool _descending;

    protected override void OnReset()
    {
        task.ReadJointPositions(_command);
        _hole = task.HoleBottom;
        _descending = false;
    }

    protected override void Plan(Span<double> jointTargets)
    {
        if (!_descending)
        {
            new Vec3(_hole.X, _hole.Y, _hole.Z + InsertionTask.SlotDepthM + ApproachAboveRimM).CopyTo(_goal);
            _descending = MoveToward(_command, _goal, StepAt(TravelSpeedMps));
        }
        else
        {
            new Vec3(_hole.X, _hole.Y, _hole.Z - PressBelowFloorM).CopyTo(_goal);
            MoveToward(_command, _goal, StepAt(InsertSpeedMps));
        }

        _command.CopyTo(jointTargets);
    }
}
