namespace Robotics.Safety.Kinematics;

/// <summary>
/// A 3×3 rotation matrix, row-major, as a value on the stack: forward kinematics composes these per tick without
/// touching the heap (T6: 0 bytes per tick).
/// </summary>
internal readonly struct Rotation3d(double xx, double xy, double xz, double yx, double yy, double yz, double zx, double zy, double zz)
{
    public static readonly Rotation3d Identity = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public double Xx { get; } = xx;

    public double Xy { get; } = xy;

    public double Xz { get; } = xz;

    public double Yx { get; } = yx;

    public double Yy { get; } = yy;

    public double Yz { get; } = yz;

    public double Zx { get; } = zx;

    public double Zy { get; } = zy;

    public double Zz { get; } = zz;

    /// <summary>URDF <c>&lt;origin rpy&gt;</c>: fixed-axis roll about X, then pitch about Y, then yaw about Z (R = Rz·Ry·Rx).</summary>
    public static Rotation3d FromRpy(Vector3d rpy)
    {
        var (sr, cr) = Math.SinCos(rpy.X);
        var (sp, cp) = Math.SinCos(rpy.Y);
        var (sy, cy) = Math.SinCos(rpy.Z);
        return new(
            cy * cp, (cy * sp * sr) - (sy * cr), (cy * sp * cr) + (sy * sr),
            sy * cp, (sy * sp * sr) + (cy * cr), (sy * sp * cr) - (cy * sr),
            -sp, cp * sr, cp * cr);
    }

    /// <summary>Rotation by <paramref name="angle"/> rad about the unit <paramref name="axis"/> (Rodrigues).</summary>
    public static Rotation3d FromAxisAngle(Vector3d axis, double angle)
    {
        var (s, c) = Math.SinCos(angle);
        var t = 1 - c;
        var (x, y, z) = (axis.X, axis.Y, axis.Z);
        return new(
            (t * x * x) + c, (t * x * y) - (s * z), (t * x * z) + (s * y),
            (t * x * y) + (s * z), (t * y * y) + c, (t * y * z) - (s * x),
            (t * x * z) - (s * y), (t * y * z) + (s * x), (t * z * z) + c);
    }

    public static Rotation3d operator *(in Rotation3d a, in Rotation3d b) => new(
        (a.Xx * b.Xx) + (a.Xy * b.Yx) + (a.Xz * b.Zx), (a.Xx * b.Xy) + (a.Xy * b.Yy) + (a.Xz * b.Zy), (a.Xx * b.Xz) + (a.Xy * b.Yz) + (a.Xz * b.Zz),
        (a.Yx * b.Xx) + (a.Yy * b.Yx) + (a.Yz * b.Zx), (a.Yx * b.Xy) + (a.Yy * b.Yy) + (a.Yz * b.Zy), (a.Yx * b.Xz) + (a.Yy * b.Yz) + (a.Yz * b.Zz),
        (a.Zx * b.Xx) + (a.Zy * b.Yx) + (a.Zz * b.Zx), (a.Zx * b.Xy) + (a.Zy * b.Yy) + (a.Zz * b.Zy), (a.Zx * b.Xz) + (a.Zy * b.Yz) + (a.Zz * b.Zz));

    public static Vector3d operator *(in Rotation3d r, Vector3d v) => new(
        (r.Xx * v.X) + (r.Xy * v.Y) + (r.Xz * v.Z),
        (r.Yx * v.X) + (r.Yy * v.Y) + (r.Yz * v.Z),
        (r.Zx * v.X) + (r.Zy * v.Y) + (r.Zz * v.Z));
}
