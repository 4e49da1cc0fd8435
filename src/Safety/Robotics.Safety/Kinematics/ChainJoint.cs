namespace Robotics.Safety.Kinematics;

/// <summary>
/// One revolute joint of a serial chain, as URDF writes it: the joint frame sits at <paramref name="OriginXyz"/> (m)
/// rotated by <paramref name="OriginRpy"/> (rad) in its parent link's frame, and turns about the unit
/// <paramref name="Axis"/> expressed in the joint frame by the joint position.
/// </summary>
public sealed record ChainJoint(Vector3d OriginXyz, Vector3d OriginRpy, Vector3d Axis);
