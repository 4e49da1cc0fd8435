using Robotics.Messages.TrajectoryMsgs;

namespace Robotics.Nodes.Control;

/// <summary>
/// Samples a joint trajectory at any time since its start, as ros2_controllers' joint_trajectory_controller does:
/// segments between points with only positions are linear; with velocities at both ends they are cubic Hermite
/// (position and velocity continuous). Before the first point the trajectory starts from the given start state at
/// rest; after the last point it holds the last positions with zero velocity.
/// </summary>
public sealed class TrajectorySampler
{
    private readonly double[] _times;
    private readonly double[][] _positions;
    private readonly double[]?[] _velocities;

    /// <summary>Use <see cref="TryCreate"/>, which validates the trajectory.</summary>
    private TrajectorySampler(double[] times, double[][] positions, double[]?[] velocities)
    {
        _times = times;
        _positions = positions;
        _velocities = velocities;
    }

    public int JointCount => _positions[0].Length;

    /// <summary>Time of the last point, in seconds from the start.</summary>
    public double Duration => _times[^1];

    public IReadOnlyList<double> FinalPositions => _positions[^1];

    /// <summary>
    /// Checks and prepares a trajectory of <paramref name="jointCount"/> joints starting from <paramref name="start"/>.
    /// The error names the first problem: an empty trajectory, a point of the wrong size, a non-finite value, or
    /// times that do not strictly increase.
    /// </summary>
    public static TrajectorySampler? TryCreate(IReadOnlyList<double> start, IReadOnlyList<JointTrajectoryPoint> points, out string? error)
    {
        var jointCount = start.Count;
        error = null;
        if (points.Count == 0)
        {
            error = "the trajectory has no points";
            return null;
        }

        List<double> times = [0];
        List<double[]> positions = [[.. start]];
        List<double[]?> velocities = [new double[jointCount]];
        var previous = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var t = (point.TimeFromStart?.Sec ?? 0) + ((point.TimeFromStart?.Nanosec ?? 0) / 1e9);
            var velocity = point.Velocities is { Length: > 0 } v ? v : null;
            error = (point.Positions?.Length ?? 0) != jointCount ? $"point {i} has {point.Positions?.Length ?? 0} positions for {jointCount} joints"
                : velocity is not null && velocity.Length != jointCount ? $"point {i} has {velocity.Length} velocities for {jointCount} joints"
                : !point.Positions!.All(double.IsFinite) || (velocity is not null && !velocity.All(double.IsFinite)) ? $"point {i} has a value that is not a finite number"
                : t < 0 || (i > 0 && t <= previous) ? $"point {i}: time_from_start {t:0.###} s must be greater than the previous point's ({previous:0.###} s)"
                : null;
            if (error is not null)
            {
                return null;
            }

            if (i == 0 && t == 0)
            {
                // A first point at time zero replaces the start state (rcl convention: the trajectory starts there).
                positions[0] = [.. point.Positions!];
                velocities[0] = velocity is null ? null : [.. velocity];
                continue;
            }

            times.Add(t);
            positions.Add([.. point.Positions!]);
            velocities.Add(velocity is null ? null : [.. velocity]);
            previous = t;
        }

        return new TrajectorySampler([.. times], [.. positions], [.. velocities]);
    }

    /// <summary>Desired positions and velocities at <paramref name="t"/> seconds after the start.</summary>
    public void Sample(double t, Span<double> position, Span<double> velocity)
    {
        if (t >= _times[^1] || _times.Length == 1)
        {
            _positions[^1].CopyTo(position);
            velocity.Clear();
            return;
        }

        var segment = 0;
        while (t >= _times[segment + 1])
        {
            segment++;
        }

        var t0 = _times[segment];
        var duration = _times[segment + 1] - t0;
        var s = Math.Max(0, t - t0) / duration;
        var (p0, p1) = (_positions[segment], _positions[segment + 1]);
        var (v0, v1) = (_velocities[segment], _velocities[segment + 1]);
        var cubic = v1 is not null;
        for (var j = 0; j < position.Length; j++)
        {
            if (!cubic)
            {
                position[j] = p0[j] + ((p1[j] - p0[j]) * s);
                velocity[j] = (p1[j] - p0[j]) / duration;
                continue;
            }

            // Cubic Hermite basis on s in [0, 1]; the velocity terms are scaled by the segment duration.
            var (m0, m1) = ((v0?[j] ?? 0) * duration, v1![j] * duration);
            var (s2, s3) = (s * s, s * s * s);
            position[j] = (((2 * s3) - (3 * s2) + 1) * p0[j]) + ((s3 - (2 * s2) + s) * m0) + (((-2 * s3) + (3 * s2)) * p1[j]) + ((s3 - s2) * m1);
            velocity[j] = ((((6 * s2) - (6 * s)) * p0[j]) + (((3 * s2) - (4 * s) + 1) * m0) + (((-6 * s2) + (6 * s)) * p1[j]) + (((3 * s2) - (2 * s)) * m1)) / duration;
        }
    }
}
