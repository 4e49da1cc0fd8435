using Robotics.Sim.MuJoCo.Randomization;

namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// B2 (shared/LEARNING.md 5): grasp the free 40 mm cube with the gantry's parallel gripper (pick_lift.xml) and lift
/// it. The cube lies within +-8 cm of the table's centre, turned up to +-0.25 rad about z; the gripper starts 8-14 cm
/// up within +-10 cm, open 30-45 mm per pad. Success: the cube 5 cm above where it rested, held between both pads.
/// 20 Hz, 5 s. Observation: gantry joints and gripper half-opening (4), cube centre (3), grasp centre (3).
/// </summary>
public sealed class PickLiftTask : SimTask
{
    public const double CubeHalfSizeM = 0.02;

    /// <summary>Success height above the cube's resting place (issue 5: lifted >= 5 cm).</summary>
    public const double LiftHeightM = 0.05;

    /// <summary>The Lift stage: off the table by more than contact softness and the pads' give.</summary>
    public const double LiftStartedM = 0.01;

    private const double CubeSpreadM = 0.08;
    private const double CubeYawRad = 0.25;
    private const double GripperSpreadM = 0.1;

    private readonly int _cubeBody;
    private readonly int _cubeGeom;
    private readonly int _padLeft;
    private readonly int _padRight;
    private readonly int _grasp;
    private readonly int _cubeQpos;
    private double _restHeight;
    private double _startDistance;

    public PickLiftTask()
        : base("pick_lift.xml", ["gantry_x", "gantry_y", "gantry_z", "gripper"], controlRateHz: 20, episodeSeconds: 5)
    {
        _cubeBody = Model.Id(MjObjectType.Body, "cube");
        _cubeGeom = Model.Id(MjObjectType.Geom, "cube");
        _padLeft = Model.Id(MjObjectType.Geom, "pad_left");
        _padRight = Model.Id(MjObjectType.Geom, "pad_right");
        _grasp = Model.Id(MjObjectType.Site, "grasp");
        _cubeQpos = Model.Ints("jnt_qposadr")[Model.Id(MjObjectType.Joint, "cube")];
        FingerLeftQpos = Model.Ints("jnt_qposadr")[Model.Id(MjObjectType.Joint, "finger_left")];
    }

    /// <summary>B2's evaluation shift: friction x0.6 and the cube's mass x2 (LEARNING.md 5).</summary>
    public static Shift BenchmarkShift { get; } = Shift.FrictionScale(0.6) + Shift.MassScale(2, "cube");

    public Vec3 Cube => Vec3.Row(Data.Xpos, _cubeBody);

    public Vec3 GraspCentre => SitePosition(_grasp);

    /// <summary>How far the cube is above where it rested at the start of the episode.</summary>
    public double LiftHeight => Cube.Z - _restHeight;

    /// <summary>Whether both pads touch the cube.</summary>
    public bool Grasped => Data.InContact(_padLeft, _cubeGeom) && Data.InContact(_padRight, _cubeGeom);

    public override IReadOnlyList<string> TaskObservationNames { get; } = ["cube_x", "cube_y", "cube_z", "grasp_x", "grasp_y", "grasp_z"];

    private int FingerLeftQpos { get; }

    protected override void InitializeEpisode(Random random)
    {
        var qpos = Data.Qpos;
        var yaw = CubeYawRad * ((2 * random.NextDouble()) - 1);
        qpos[_cubeQpos] = Spread(random, CubeSpreadM);
        qpos[_cubeQpos + 1] = Spread(random, CubeSpreadM);
        qpos[_cubeQpos + 2] = CubeHalfSizeM;
        qpos[_cubeQpos + 3] = Math.Cos(yaw / 2);
        qpos[_cubeQpos + 4] = 0;
        qpos[_cubeQpos + 5] = 0;
        qpos[_cubeQpos + 6] = Math.Sin(yaw / 2);
        // The gantry's joints are the grasp centre's world position (pick_lift.xml).
        qpos[QposAddress(0)] = Spread(random, GripperSpreadM);
        qpos[QposAddress(1)] = Spread(random, GripperSpreadM);
        qpos[QposAddress(2)] = 0.08 + (0.06 * random.NextDouble());
        var opening = 0.03 + (0.015 * random.NextDouble());
        qpos[QposAddress(3)] = opening;
        qpos[FingerLeftQpos] = opening; // the equality finger_left = finger_right holds from the start
    }

    protected override void OnEpisodeStarted()
    {
        _restHeight = Cube.Z;
        _startDistance = (GraspCentre - Cube).Length;
    }

    protected override TaskEvaluation Measure()
    {
        var left = Data.InContact(_padLeft, _cubeGeom);
        var right = Data.InContact(_padRight, _cubeGeom);
        if (left || right)
        {
            Reached(TaskStage.Contact);
        }

        var grasped = left && right;
        if (grasped)
        {
            Reached(TaskStage.Grasp);
        }

        var height = LiftHeight;
        if (grasped && height >= LiftStartedM)
        {
            Reached(TaskStage.Lift);
        }

        // Approach earns up to 0.4, a grasp 0.5, and lifting the rest.
        var progress = grasped
            ? 0.5 + (0.5 * Math.Clamp(height / LiftHeightM, 0, 1))
            : 0.4 * (1 - Math.Min(1, (GraspCentre - Cube).Length / _startDistance));
        return Evaluation(grasped && height >= LiftHeightM, progress);
    }

    protected override void WriteTaskObservation(Span<double> values)
    {
        Cube.CopyTo(values);
        GraspCentre.CopyTo(values[3..]);
    }

    private static double Spread(Random random, double half) => half * ((2 * random.NextDouble()) - 1);
}
