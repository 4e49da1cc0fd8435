namespace Robotics.Safety.Kinematics;

/// <summary>A point or direction in metres (double precision: a float's 7 digits are too coarse for limits, C11).</summary>
public readonly record struct Vector3d(double X, double Y, double Z)
{
    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    public static Vector3d operator +(Vector3d a, Vector3d b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3d operator -(Vector3d a, Vector3d b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3d Add(Vector3d a, Vector3d b) => a + b;

    public static Vector3d Subtract(Vector3d a, Vector3d b) => a - b;
}
