namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// B2's expert: open, move over the cube, descend to its centre height, close to 7.5 mm inside the cube's half-width
/// (each pad then presses 400/2 x 7.5 mm = 1.5 N, three times what the nominal cube needs and short of the 1.6 N the
/// B2 shift needs), pause, lift 8 cm. It reads the cube's pose while approaching, then runs open loop.
/// </summary>
public sealed class PickLiftExpert(PickLiftTask task, ExpertOptions? options = null) : ScriptedExpert(task, options)
{
    // Travel at 25 cm/s (the x axis lags ~1 cm and settles while descending); descend at 10 cm/s.
    private const double TravelSpeedMps = 0.25;
    private const double DescendSpeedMps = 0.1;

    // Lift at 6 cm/s: each 20 Hz target step is a velocity step the stiff z axis (~90 rad/s) follows within a few ms,
    // an acceleration spike of about v x 90 rad/s on top of gravity. At 10 cm/s the cube slipped out of 5 % of grips
    // under +-20 % friction and mass randomization; at 6 cm/s none of 200 did.
    private const double LiftSpeedMps = 0.06;

    // Pads close at 8 cm/s each: 2 cm of travel in 0.25 s, slow enough not to knock the cube away.
    private const double GripperSpeedMps = 0.08;

    private const double OpenHalfM = 0.04;
    private const double SqueezeM = 0.0075;

    // 5 cm above the cube's centre: the pads' bottoms (15 mm below the grasp centre) clear its top by 15 mm.
    private const double ApproachAboveM = 0.05;

    // Lift the grasp centre 8 cm: the cube passes the 5 cm success height with margin for slip.
    private const double LiftToM = 0.08;

    // Pause after closing so the grip force builds up before the cube is loaded.
    private const double SettleSeconds = 0.2;

    private readonly double[] _command = new double[4];
    private readonly double[] _goal = new double[3];
    private Phase _phase;
    private int _pause;
    private Vec3 _grasp;

    private enum Phase
    {
        Approach,
        Descend,
        Close,
        Settle,
        Lift,
    }

    protected override void OnReset()
    {
        task.ReadJointPositions(_command);
        _phase = Phase.Approach;
    }

    protected override void Plan(Span<double> jointTargets)
    {
        var position = _command.AsSpan(0, 3);
        switch (_phase)
        {
            case Phase.Approach:
                _grasp = task.Cube;
                new Vec3(_grasp.X, _grasp.Y, _grasp.Z + ApproachAboveM).CopyTo(_goal);
                var opened = MoveGripper(OpenHalfM);
                if (MoveToward(position, _goal, StepAt(TravelSpeedMps)) && opened)
                {
                    _phase = Phase.Descend;
                }

                break;
            case Phase.Descend:
                _grasp.CopyTo(_goal);
                if (MoveToward(position, _goal, StepAt(DescendSpeedMps)))
                {
                    _phase = Phase.Close;
                }

                break;
            case Phase.Close:
                if (MoveGripper(PickLiftTask.CubeHalfSizeM - SqueezeM))
                {
                    (_phase, _pause) = (Phase.Settle, PeriodsFor(SettleSeconds));
                }

                break;
            case Phase.Settle:
                if (--_pause <= 0)
                {
                    _phase = Phase.Lift;
                }

                break;
            case Phase.Lift:
                new Vec3(_grasp.X, _grasp.Y, _grasp.Z + LiftToM).CopyTo(_goal);
                MoveToward(position, _goal, StepAt(LiftSpeedMps));
                break;
        }

        _command.CopyTo(jointTargets);
    }

    private bool MoveGripper(double halfOpening)
    {
        var step = StepAt(GripperSpeedMps);
        var delta = halfOpening - _command[3];
        _command[3] = Math.Abs(delta) <= step ? halfOpening : _command[3] + Math.CopySign(step, delta);
        return _command[3] == halfOpening;
    }
}
