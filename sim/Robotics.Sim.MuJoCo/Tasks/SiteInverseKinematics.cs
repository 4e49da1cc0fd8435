namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// Position inverse kinematics for a site by damped least squares (Nakamura and Hanafusa 1986; Buss 2004) with a
/// finite-difference Jacobian, on a scratch copy of the state so the simulation is never touched. Enough for a 4-joint
/// desk arm reaching points: a few dozen iterations of (1 + joints) forward passes, well under a millisecond.
/// </summary>
public sealed class SiteInverseKinematics : IDisposable
{
    // 1e-6 rad moves a 0.3 m arm by 3e-7 m: far above double rounding, far below curvature effects.
    private const double FiniteDifferenceRad = 1e-6;

    // Damping 0.02 m: steps stay bounded near singular (stretched) poses and vanish near the solution.
    private const double DampingM = 0.02;

    // No joint moves more than 0.2 rad per iteration, so the linearization holds.
    private const double MaxStepRad = 0.2;

    // Joint limits are kept 0.02 rad inside, where the servo can still hold the pose.
    private const double LimitMarginRad = 0.02;

    private readonly MjData _scratch;
    private readonly int _site;
    private readonly int[] _qposAddress;
    private readonly double[] _min;
    private readonly double[] _max;

    public SiteInverseKinematics(MjModel model, string site, IReadOnlyList<string> joints)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(joints);
        _site = model.Id(MjObjectType.Site, site);
        var ids = joints.Select(j => model.Id(MjObjectType.Joint, j)).ToArray();
        var addresses = model.Ints("jnt_qposadr").ToArray();
        var ranges = model.Doubles("jnt_range").ToArray();
        _qposAddress = [.. ids.Select(id => addresses[id])];
        _min = [.. ids.Select(id => ranges[2 * id] + LimitMarginRad)];
        _max = [.. ids.Select(id => ranges[(2 * id) + 1] - LimitMarginRad)];
        _scratch = model.CreateData();
    }

    public int JointCount => _qposAddress.Length;

    /// <summary>The site's position for the full configuration <paramref name="qpos"/>.</summary>
    public Vec3 Forward(ReadOnlySpan<double> qpos)
    {
        qpos.CopyTo(_scratch.Qpos);
        _scratch.Forward();
        return Vec3.Row(_scratch.SiteXpos, _site);
    }

    /// <summary>
    /// Joint positions that put the site at <paramref name="target"/>, starting from <paramref name="seedQpos"/>
    /// (a full configuration; joints not solved for keep their values). Returns the remaining distance in metres;
    /// <paramref name="solution"/> holds the best joints found.
    /// </summary>
    public double Solve(Vec3 target, ReadOnlySpan<double> seedQpos, Span<double> solution, int maxIterations = 100, double toleranceM = 1e-4)
    {
        if (solution.Length != JointCount)
        {
            throw new ArgumentException($"the solution has {JointCount} joints, not {solution.Length}", nameof(solution));
        }

        Span<double> qpos = stackalloc double[seedQpos.Length];
        seedQpos.CopyTo(qpos);
        Span<double> jacobian = stackalloc double[3 * JointCount];
        var error = target - Forward(qpos);
        for (var iteration = 0; iteration < maxIterations && error.Length > toleranceM; iteration++)
        {
            FillJacobian(qpos, jacobian);
            Step(qpos, jacobian, error);
            error = target - Forward(qpos);
        }

        for (var j = 0; j < JointCount; j++)
        {
            solution[j] = qpos[_qposAddress[j]];
        }

        return error.Length;
    }

    public void Dispose() => _scratch.Dispose();

    private void FillJacobian(Span<double> qpos, Span<double> jacobian)
    {
        var at = Forward(qpos);
        for (var j = 0; j < JointCount; j++)
        {
            var saved = qpos[_qposAddress[j]];
            qpos[_qposAddress[j]] = saved + FiniteDifferenceRad;
            var moved = Forward(qpos);
            qpos[_qposAddress[j]] = saved;
            jacobian[j] = (moved.X - at.X) / FiniteDifferenceRad;
            jacobian[JointCount + j] = (moved.Y - at.Y) / FiniteDifferenceRad;
            jacobian[(2 * JointCount) + j] = (moved.Z - at.Z) / FiniteDifferenceRad;
        }
    }

    // dq = J^T (J J^T + lambda^2 I)^-1 e: a 3x3 solve whatever the number of joints.
    private void Step(Span<double> qpos, ReadOnlySpan<double> jacobian, Vec3 error)
    {
        var n = JointCount;
        Span<double> a = stackalloc double[9];
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 3; c++)
            {
                var sum = r == c ? DampingM * DampingM : 0;
                for (var j = 0; j < n; j++)
                {
                    sum += jacobian[(r * n) + j] * jacobian[(c * n) + j];
                }

                a[(3 * r) + c] = sum;
            }
        }

        var y = Solve3(a, error);
        var largest = 0.0;
        Span<double> dq = stackalloc double[n];
        for (var j = 0; j < n; j++)
        {
            dq[j] = (jacobian[j] * y.X) + (jacobian[n + j] * y.Y) + (jacobian[(2 * n) + j] * y.Z);
            largest = Math.Max(largest, Math.Abs(dq[j]));
        }

        var scale = largest > MaxStepRad ? MaxStepRad / largest : 1;
        for (var j = 0; j < n; j++)
        {
            var address = _qposAddress[j];
            qpos[address] = Math.Clamp(qpos[address] + (scale * dq[j]), _min[j], _max[j]);
        }
    }

    // Cramer's rule; the damping keeps the matrix symmetric positive definite.
    private static Vec3 Solve3(ReadOnlySpan<double> a, Vec3 b)
    {
        var det = (a[0] * ((a[4] * a[8]) - (a[5] * a[7]))) - (a[1] * ((a[3] * a[8]) - (a[5] * a[6]))) + (a[2] * ((a[3] * a[7]) - (a[4] * a[6])));
        var x = (b.X * ((a[4] * a[8]) - (a[5] * a[7]))) - (a[1] * ((b.Y * a[8]) - (a[5] * b.Z))) + (a[2] * ((b.Y * a[7]) - (a[4] * b.Z)));
        var y = (a[0] * ((b.Y * a[8]) - (a[5] * b.Z))) - (b.X * ((a[3] * a[8]) - (a[5] * a[6]))) + (a[2] * ((a[3] * b.Z) - (b.Y * a[6])));
        var z = (a[0] * ((a[4] * b.Z) - (b.Y * a[7]))) - (a[1] * ((a[3] * b.Z) - (b.Y * a[6]))) + (b.X * ((a[3] * a[7]) - (a[4] * a[6])));
        return new(x / det, y / det, z / det);
    }
}
