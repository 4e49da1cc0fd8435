using Robotics.Middleware.Parameters;
using Robotics.Safety;
using Robotics.Safety.Kinematics;

namespace Robotics.Nodes.Safety;

/// <summary>
/// The supervisor's Cartesian limits as read-only parameters (SAFETY.md C11–C12): the robot's kinematic chain as URDF
/// writes it (<c>kinematics.origin_xyz</c>, <c>kinematics.origin_rpy</c>, <c>kinematics.axis</c>: three numbers per
/// configured joint, in joint order; <c>kinematics.tool_xyz</c> in the last joint's frame), the box the tool point
/// must stay in (<c>workspace.min</c>, <c>workspace.max</c>, m, base frame) and per-source tool-step caps
/// (<c>tool_step.&lt;source&gt;_max_m</c>, 0 = none; <c>tool_step.mode</c> limit or reject). No chain: no workspace.
/// </summary>
internal static class WorkspaceParameters
{
    private static readonly double[] _none = [];

    public static (Workspace? Workspace, IReadOnlyList<ToolStepCap> Caps) Declare(ParameterStore parameters, int jointCount)
    {
        var xyz = Array(parameters, "kinematics.origin_xyz", "joint origins in the parent link's frame, x y z per joint (m)");
        var rpy = Array(parameters, "kinematics.origin_rpy", "joint origin rotations, roll pitch yaw per joint (rad)");
        var axis = Array(parameters, "kinematics.axis", "joint axes in the joint frame, x y z per joint (unit vectors)");
        var tool = Array(parameters, "kinematics.tool_xyz", "the tool point in the last joint's frame (m)");
        var min = Array(parameters, "workspace.min", "lower corner of the box the tool point stays in (m, base frame)");
        var max = Array(parameters, "workspace.max", "upper corner of that box (m, base frame)");
        var mode = parameters.Declare("tool_step.mode", "limit", ReadOnly("limit (scale the step down) or reject (drop the request)"));
        var caps = new List<ToolStepCap>();
        foreach (var source in Enum.GetValues<CommandSource>())
        {
            var cap = parameters.Declare($"tool_step.{source.ToString().ToLowerInvariant()}_max_m", 0.0, ReadOnly($"largest tool-point step per request of the {source} source (m; LeRobot max_ee_step_m 0.05); 0: none"));
            if (cap != 0)
            {
                caps.Add(new ToolStepCap(source, cap, mode == "reject" ? ToolStepMode.Reject : mode == "limit" ? ToolStepMode.Limit : throw new ArgumentException($"tool_step.mode is '{mode}'; use limit or reject")));
            }
        }

        if (xyz.Length == 0)
        {
            return caps.Count == 0 && min.Length == 0 && max.Length == 0 ? (null, caps)
                : throw new ArgumentException("workspace.min/max and tool_step caps need the robot's chain: set kinematics.origin_xyz, origin_rpy, axis and tool_xyz");
        }

        if (xyz.Length != 3 * jointCount || rpy.Length != 3 * jointCount || axis.Length != 3 * jointCount || tool.Length != 3 || min.Length != 3 || max.Length != 3)
        {
            throw new ArgumentException($"kinematics.origin_xyz, origin_rpy and axis need 3 numbers per joint ({3 * jointCount}; they have {xyz.Length}, {rpy.Length}, {axis.Length}); tool_xyz, workspace.min and workspace.max need 3 (they have {tool.Length}, {min.Length}, {max.Length})");
        }

        var joints = Enumerable.Range(0, jointCount).Select(i => new ChainJoint(At(xyz, i), At(rpy, i), At(axis, i))).ToList();
        return (new Workspace(new KinematicChain(joints, At(tool, 0)), At(min, 0), At(max, 0)), caps);
    }

    private static Vector3d At(double[] values, int index) => new(values[3 * index], values[(3 * index) + 1], values[(3 * index) + 2]);

    private static double[] Array(ParameterStore parameters, string name, string description) =>
        parameters.Declare(name, (object)_none, ReadOnly(description)).AsDoubleArray();

    private static ParameterDescriptor ReadOnly(string description) => new() { ReadOnly = true, Description = description };
}
