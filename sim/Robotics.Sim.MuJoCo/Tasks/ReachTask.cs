namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// The SO-arm (so_arm.xml) brings its tool site (the jaw centre) to within 1 cm of a target. Targets are the tool
/// positions of random poses inside a comfortable joint box, so each one is reachable, at least 5 cm above the table
/// and 12 cm out from the base axis. The arm starts near `home` (each arm joint +-0.15 rad). 20 Hz, 4 s.
/// Observation: 6 joint positions, target (3), tool (3).
/// </summary>
public sealed class ReachTask : SimTask
{
    /// <summary>Success radius (issue 5: "tool site to a random target within 1 cm").</summary>
    public const double SuccessRadiusM = 0.01;

    /// <summary>The joints that position the tool; wrist_roll turns the jaw about its own axis and the gripper opens it.</summary>
    public static readonly IReadOnlyList<string> PositioningJoints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex"];

    private const double StartSpreadRad = 0.15;
    private const double MinTargetHeightM = 0.05;
    private const double MinTargetRadiusM = 0.12;

    // Target poses are drawn inside the joint limits with room for the servo's sag and overshoot (rad).
    private static readonly (double Min, double Max)[] _targetBox = [(-1.2, 1.2), (-0.8, 0.8), (-0.2, 1.3), (-0.4, 1.4)];

    private readonly int _tool;
    private readonly int _targetBody;
    private readonly SiteInverseKinematics _kinematics;
    private double _startDistance;

    public ReachTask()
        : base("so_arm.xml", ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"], controlRateHz: 20, episodeSeconds: 4)
    {
        _tool = Model.Id(MjObjectType.Site, "tool");
        _targetBody = Model.Id(MjObjectType.Body, "target");
        _kinematics = new SiteInverseKinematics(Model, "tool", PositioningJoints);
    }

    public Vec3 Target { get; private set; }

    public Vec3 Tool => SitePosition(_tool);

    public double Distance => (Target - Tool).Length;

    public override IReadOnlyList<string> TaskObservationNames { get; } = ["target_x", "target_y", "target_z", "tool_x", "tool_y", "tool_z"];

    protected override void InitializeEpisode(Random random)
    {
        var qpos = Data.Qpos;
        Span<double> pose = stackalloc double[qpos.Length];
        Vec3 target;
        var attempts = 0;
        do
        {
            // 43 % of the box's poses qualify; a thousand misses in a row means the box or the model changed.
            if (++attempts > 1000)
            {
                throw new InvalidOperationException("no pose in the reach task's joint box puts the tool above the table and away from the base");
            }

            qpos.CopyTo(pose);
            for (var j = 0; j < _targetBox.Length; j++)
            {
                pose[QposAddress(j)] = _targetBox[j].Min + ((_targetBox[j].Max - _targetBox[j].Min) * random.NextDouble());
            }

            target = _kinematics.Forward(pose);
        }
        while (target.Z < MinTargetHeightM || target.HorizontalLength < MinTargetRadiusM);

        Target = target;
        PlaceMocap(_targetBody, target);
        for (var j = 0; j < PositioningJoints.Count; j++)
        {
            qpos[QposAddress(j)] += StartSpreadRad * ((2 * random.NextDouble()) - 1);
        }
    }

    protected override void OnEpisodeStarted() => _startDistance = Math.Max(Distance, SuccessRadiusM);

    protected override TaskEvaluation Measure()
    {
        var distance = Distance;
        var reached = distance <= SuccessRadiusM;
        if (reached)
        {
            Reached(TaskStage.Reach);
        }

        return Evaluation(reached, 1 - (distance / _startDistance));
    }

    protected override void WriteTaskObservation(Span<double> values)
    {
        Target.CopyTo(values);
        Tool.CopyTo(values[3..]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kinematics.Dispose();
        }

        base.Dispose(disposing);
    }
}
