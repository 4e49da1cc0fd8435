namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>A point or displacement in the world frame, in metres (System.Numerics.Vector3 is single precision).</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    /// <summary>Length of the horizontal (x, y) part.</summary>
    public double HorizontalLength => Math.Sqrt((X * X) + (Y * Y));

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vec3 operator *(double s, Vec3 v) => new(s * v.X, s * v.Y, s * v.Z);

    public static Vec3 Add(Vec3 a, Vec3 b) => a + b;

    public static Vec3 Subtract(Vec3 a, Vec3 b) => a - b;

    public static Vec3 Multiply(double s, Vec3 v) => s * v;

    /// <summary>Row <paramref name="row"/> of an n x 3 array such as xpos or site_xpos.</summary>
    public static Vec3 Row(ReadOnlySpan<double> rows, int row) => new(rows[3 * row], rows[(3 * row) + 1], rows[(3 * row) + 2]);

    public void CopyTo(Span<double> destination)
    {
        destination[0] = X;
        destination[1] = Y;
        destination[2] = Z;
    }

    public override string ToString() => $"({X:F4}, {Y:F4}, {Z:F4})";
}
