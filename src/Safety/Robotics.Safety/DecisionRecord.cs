namespace Robotics.Safety;

/// <summary>
/// One tick's gate decision as recorded (SAFETY.md I33): time, state, source, sequence, reasons, the command asked for
/// and the one sent per joint, which limits applied and how long the tick took. Preallocated and copied into, never
/// created per tick: a consumer creates its own with <see cref="DecisionRecord(int)"/> once and reuses them.
/// </summary>
public sealed class DecisionRecord
{
    public DecisionRecord(int joints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(joints);
        Requested = new double[joints];
        Sent = new double[joints];
        JointReasons = new SafetyReason[joints];
    }

    /// <summary>The loop's tick number (1 for the first): gaps show records that were dropped.</summary>
    public long Tick { get; private set; }

    public long TimeNs { get; private set; }

    public SupervisorState State { get; private set; }

    public OutputMode Mode { get; private set; }

    public CommandSource? Source { get; private set; }

    public ulong Sequence { get; private set; }

    public long ObservationStampNs { get; private set; }

    public SafetyReason Reasons { get; private set; }

    public bool Intervened { get; private set; }

    /// <summary>Read → supervise → write, ns of the loop thread's clock.</summary>
    public long TickDurationNs { get; private set; }

    public int ConfigVersion { get; private set; }

    public string ConfigHash { get; private set; } = string.Empty;

    public double[] Requested { get; }

    public double[] Sent { get; }

    public SafetyReason[] JointReasons { get; }

    public void CopyTo(DecisionRecord into)
    {
        ArgumentNullException.ThrowIfNull(into);
        (into.Tick, into.TimeNs, into.State, into.Mode, into.Source, into.Sequence) = (Tick, TimeNs, State, Mode, Source, Sequence);
        (into.ObservationStampNs, into.Reasons, into.Intervened, into.TickDurationNs) = (ObservationStampNs, Reasons, Intervened, TickDurationNs);
        (into.ConfigVersion, into.ConfigHash) = (ConfigVersion, ConfigHash);
        Requested.AsSpan().CopyTo(into.Requested);
        Sent.AsSpan().CopyTo(into.Sent);
        JointReasons.AsSpan().CopyTo(into.JointReasons);
    }

    internal void CopyFrom(Decision d, long tick, long durationNs)
    {
        (Tick, TimeNs, State, Mode, Source, Sequence) = (tick, d.TimeNs, d.State, d.Mode, d.Source, d.Sequence);
        (ObservationStampNs, Reasons, Intervened, TickDurationNs) = (d.ObservationStampNs, d.Reasons, d.Intervened, durationNs);
        (ConfigVersion, ConfigHash) = (d.ConfigVersion, d.ConfigHash);
        d.Requested.CopyTo(Requested, 0);
        d.Sent.CopyTo(Sent, 0);
        d.JointReasons.CopyTo(JointReasons, 0);
    }
}
