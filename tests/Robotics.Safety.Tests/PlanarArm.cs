using Robotics.Safety.Kinematics;

namespace Robotics.Safety.Tests;

/// <summary>
/// The rig's two joints as a planar arm about z: a 1 m link, then the elbow and a 0.2 m tool. Tool point
/// (cos q0 + 0.2 cos(q0 + q1), sin q0 + 0.2 sin(q0 + q1), 0); the box allows |y| ≤ 0.5 m.
/// </summary>
internal static class PlanarArm
{
    public static readonly Vector3d Z = new(0, 0, 1);

    public static KinematicChain Chain() => new([new ChainJoint(default, default, Z), new ChainJoint(new Vector3d(1, 0, 0), default, Z)], new Vector3d(0.2, 0, 0));

    public static Workspace Box() => new(Chain(), new Vector3d(-2, -0.5, -1), new Vector3d(2, 0.5, 1));

    public static SafetyConfig Config(params ToolStepCap[] caps) => Rig.Config() with { Workspace = Box(), ToolStepCaps = caps };

    public static Vector3d ToolPoint(double q0, double q1) =>
        new(Math.Cos(q0) + (0.2 * Math.Cos(q0 + q1)), Math.Sin(q0) + (0.2 * Math.Sin(q0 + q1)), 0);

    public static double Distance(Vector3d a, Vector3d b) => (a - b).Length;
}
