namespace Robotics.Middleware.Parameters;

/// <summary>Inclusive floating-point range; <see cref="Step"/> 0 means any value in range (rclcpp uses 1e-6 relative tolerance on steps).</summary>
public sealed record FloatingPointRange(double From, double To, double Step = 0)
{
    public bool Contains(double value)
    {
        if (double.IsNaN(value) || value < From || value > To)
        {
            return false;
        }

        if (Step == 0 || value == To)
        {
            return true;
        }

        var steps = (value - From) / Step;
        return Math.Abs(steps - Math.Round(steps)) < 1e-6;
    }

    public override string ToString() => Step == 0 ? $"[{From}, {To}]" : $"[{From}, {To}] in steps of {Step}";
}
