using Robotics.Safety.Kinematics;

namespace Robotics.Safety;

/// <summary>
/// C11: the box the tool point must stay in, axis-aligned in the chain's base frame (m). A requested target whose
/// tool point lies outside gets no new motion; a limited command that would put it outside is a protective stop.
/// </summary>
public sealed record Workspace(KinematicChain Chain, Vector3d Min, Vector3d Max)
{
    public bool Contains(Vector3d point) =>
        point.X >= Min.X && point.X <= Max.X && point.Y >= Min.Y && point.Y <= Max.Y && point.Z >= Min.Z && point.Z <= Max.Z;

    /// <summary>Every problem with this workspace for <paramref name="jointCount"/> configured joints; empty when valid.</summary>
    public IReadOnlyList<string> Validate(int jointCount)
    {
        var errors = new List<string>();
        if (Chain is null)
        {
            errors.Add("workspace: no kinematic chain");
        }
        else
        {
            errors.AddRange(Chain.Validate(jointCount));
        }

        if (!Min.IsFinite || !Max.IsFinite)
        {
            errors.Add("workspace: the box corners must be finite");
        }

        // Never swapped silently (A5): min must lie below max on every axis.
        if (!(Min.X < Max.X) || !(Min.Y < Max.Y) || !(Min.Z < Max.Z))
        {
            errors.Add($"workspace: min {Min} must be below max {Max} on every axis");
        }

        return errors;
    }
}
