namespace Robotics.Safety;

/// <summary>A copy of one tick's decision plus the measured positions, for publishing outside the loop thread.</summary>
public sealed class DecisionSnapshot
{
    public DecisionSnapshot(IReadOnlyList<string> joints)
    {
        ArgumentNullException.ThrowIfNull(joints);
        JointNames = [.. joints];
        Requested = new double[joints.Count];
        Sent = new double[joints.Count];
        Measured = new double[joints.Count];
    }

    public string[] JointNames { get; }

    public long Tick { get; private set; }

    public long TimeNs { get; private set; }

    public SupervisorState State { get; private set; }

    public OutputMode Mode { get; private set; }

    public CommandSource? Source { get; private set; }

    public SafetyReason Reasons { get; private set; }

    public bool Intervened { get; private set; }

    /// <summary>I35: which limits applied (see <see cref="Decision.ConfigHash"/>).</summary>
    public int ConfigVersion { get; private set; }

    public string ConfigHash { get; private set; } = string.Empty;

    public double[] Requested { get; }

    public double[] Sent { get; }

    public double[] Measured { get; }

    internal void CopyFrom(Decision d, ReadOnlySpan<double> measured, long tick)
    {
        (Tick, TimeNs, State, Mode, Source, Reasons, Intervened) = (tick, d.TimeNs, d.State, d.Mode, d.Source, d.Reasons, d.Intervened);
        (ConfigVersion, ConfigHash) = (d.ConfigVersion, d.ConfigHash);
        d.Requested.CopyTo(Requested, 0);
        d.Sent.CopyTo(Sent, 0);
        measured.CopyTo(Measured);
    }

    internal void CopyTo(DecisionSnapshot into)
    {
        (into.Tick, into.TimeNs, into.State, into.Mode, into.Source, into.Reasons, into.Intervened) = (Tick, TimeNs, State, Mode, Source, Reasons, Intervened);
        (into.ConfigVersion, into.ConfigHash) = (ConfigVersion, ConfigHash);
        Requested.CopyTo(into.Requested, 0);
        Sent.CopyTo(into.Sent, 0);
        Measured.CopyTo(into.Measured, 0);
    }
}
