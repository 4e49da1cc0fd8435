namespace Robotics.Safety.Kinematics;

/// <summary>
/// The tool point of a <see cref="KinematicChain"/> for given joint positions (C11). The fixed part of every joint
/// (its origin rotation) is computed once here; <see cref="ToolPoint"/> then only composes stack values, so the
/// per-tick workspace and tool-step checks allocate nothing (T6).
/// </summary>
public sealed class ForwardKinematics
{
    private readonly Vector3d[] _origin;
    private readonly Rotation3d[] _originRotation;
    private readonly Vector3d[] _axis;
    private readonly Vector3d _tool;

    public ForwardKinematics(KinematicChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(chain.Joints);
        var n = chain.Joints.Count;
        (_origin, _originRotation, _axis, _tool) = (new Vector3d[n], new Rotation3d[n], new Vector3d[n], chain.ToolOffset);
        for (var i = 0; i < n; i++)
        {
            var j = chain.Joints[i];
            (_origin[i], _originRotation[i], _axis[i]) = (j.OriginXyz, Rotation3d.FromRpy(j.OriginRpy), j.Axis);
        }
    }

    public int JointCount => _origin.Length;

    /// <summary>The tool point in the base frame (m); <paramref name="positions"/> holds one angle (rad) per chain joint.</summary>
    public Vector3d ToolPoint(ReadOnlySpan<double> positions)
    {
        if (positions.Length != _origin.Length)
        {
            throw new ArgumentException($"expected {_origin.Length} joint positions, got {positions.Length}", nameof(positions));
        }

        var rotation = Rotation3d.Identity;
        var point = default(Vector3d);
        for (var i = 0; i < _origin.Length; i++)
        {
            // URDF: parent → joint frame is translate(xyz)·rotate(rpy), then the joint turns about its axis.
            point += rotation * _origin[i];
            rotation = rotation * _originRotation[i] * Rotation3d.FromAxisAngle(_axis[i], positions[i]);
        }

        return point + (rotation * _tool);
    }
}
