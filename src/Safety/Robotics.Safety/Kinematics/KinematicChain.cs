namespace Robotics.Safety.Kinematics;

/// <summary>
/// A serial chain of revolute joints from the robot's base to the tool point (C11): one <see cref="ChainJoint"/> per
/// configured joint, in configuration order, then <paramref name="ToolOffset"/> (m) in the last joint's frame.
/// </summary>
public sealed record KinematicChain(IReadOnlyList<ChainJoint> Joints, Vector3d ToolOffset)
{
    // A unit axis within this of length 1 (URDF files carry 6-7 digits; "0 0 1" exactly is the common case).
    private const double AxisTolerance = 1e-6;

    /// <summary>Every problem with this chain for <paramref name="jointCount"/> configured joints; empty when valid.</summary>
    public IReadOnlyList<string> Validate(int jointCount)
    {
        var errors = new List<string>();
        if (Joints is null)
        {
            errors.Add("workspace: the kinematic chain has no joints");
            return errors;
        }

        if (Joints.Count != jointCount)
        {
            errors.Add($"workspace: the kinematic chain has {Joints.Count} joints, the configuration {jointCount} (one per configured joint, in order)");
        }

        for (var i = 0; i < Joints.Count; i++)
        {
            var j = Joints[i];
            if (j is null || !j.OriginXyz.IsFinite || !j.OriginRpy.IsFinite || !j.Axis.IsFinite)
            {
                errors.Add($"workspace: chain joint {i} has a missing or non-finite origin or axis");
            }
            else if (!(Math.Abs(j.Axis.Length - 1) <= AxisTolerance))
            {
                errors.Add($"workspace: chain joint {i}'s axis must be a unit vector (its length is {j.Axis.Length:0.######})");
            }
        }

        if (!ToolOffset.IsFinite)
        {
            errors.Add("workspace: the tool offset is not finite");
        }

        return errors;
    }
}
