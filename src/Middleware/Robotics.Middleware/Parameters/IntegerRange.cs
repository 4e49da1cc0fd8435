namespace Robotics.Middleware.Parameters;

/// <summary>Inclusive integer range; <see cref="Step"/> 0 means any value in range.</summary>
public sealed record IntegerRange(long From, long To, ulong Step = 0)
{
    public bool Contains(long value) =>
        value >= From && value <= To && (Step == 0 || value == To || (ulong)(value - From) % Step == 0);

    public override string ToString() => Step == 0 ? $"[{From}, {To}]" : $"[{From}, {To}] in steps of {Step}";
}
