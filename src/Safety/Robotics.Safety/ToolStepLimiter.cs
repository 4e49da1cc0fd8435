using Robotics.Safety.Kinematics;

namespace Robotics.Safety;

/// <summary>
/// C12 limit mode: scales a joint-space target toward the last command until the tool point moves at most the cap
/// (LeRobot <c>max_ee_step_m</c>). The step along the joint delta is not monotonic in general (a wrist can swing the
/// tool out and back), so a bisection keeps a fraction that is known to fit and one that is known not to.
/// </summary>
public static class ToolStepLimiter
{
    // 24 halvings: the kept fraction is within 6e-8 of the largest that fits (below any encoder's resolution) and a
    // fixed count bounds the tick's time: 26 forward-kinematics evaluations at most (T6).
    private const int Halvings = 24;

    /// <summary>
    /// Replaces <paramref name="target"/> by last + s·(target − last) with the largest s in [0, 1] found to keep the tool
    /// step within <paramref name="maxStepM"/>; returns false (target unchanged) when it already fits. A non-finite
    /// tool point never fits, so such a target collapses to the last command. Allocates nothing.
    /// </summary>
    public static bool Limit(ForwardKinematics kinematics, ReadOnlySpan<double> last, Span<double> target, double maxStepM, Span<double> scratch)
    {
        ArgumentNullException.ThrowIfNull(kinematics);
        var from = kinematics.ToolPoint(last);
        if ((kinematics.ToolPoint(target) - from).Length <= maxStepM)
        {
            return false;
        }

        scratch = scratch[..target.Length];
        double fits = 0, exceeds = 1;
        for (var k = 0; k < Halvings; k++)
        {
            var mid = 0.5 * (fits + exceeds);
            Interpolate(last, target, mid, scratch);
            if ((kinematics.ToolPoint(scratch) - from).Length <= maxStepM)
            {
                fits = mid;
            }
            else
            {
                exceeds = mid;
            }
        }

        Interpolate(last, target, fits, target);
        return true;
    }

    private static void Interpolate(ReadOnlySpan<double> from, ReadOnlySpan<double> to, double fraction, Span<double> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = from[i] + (fraction * (to[i] - from[i]));
        }
    }
}
