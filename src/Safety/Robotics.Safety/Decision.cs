namespace Robotics.Safety;

/// <summary>
/// What one tick decided (SAFETY.md I33): the state, what the hardware is told, the command that was asked for and
/// the one sent, and why they differ. The supervisor reuses one instance (no allocation per tick): copy what you keep.
/// </summary>
public sealed class Decision
{
    internal Decision(int joints)
    {
        Requested = new double[joints];
        Sent = new double[joints];
        SentVelocity = new double[joints];
        JointReasons = new SafetyReason[joints];
    }

    public long TimeNs { get; internal set; }

    public SupervisorState State { get; internal set; }

    public OutputMode Mode { get; internal set; }

    /// <summary>The source whose command was gated, or null when none drove this tick.</summary>
    public CommandSource? Source { get; internal set; }

    public ulong Sequence { get; internal set; }

    /// <summary>Stamp of the observation the gated command was computed from (0 when none).</summary>
    public long ObservationStampNs { get; internal set; }

    /// <summary>Every reason of this tick, all joints together.</summary>
    public SafetyReason Reasons { get; internal set; }

    /// <summary>True while a human's teleop overrides the policy: the episode is labelled for the learner (G27).</summary>
    public bool Intervened { get; internal set; }

    /// <summary>I35: the version of the configuration whose limits applied this tick.</summary>
    public int ConfigVersion { get; internal set; }

    /// <summary>I35: the content hash (SHA-256 hex) of that configuration: what a record cites.</summary>
    public string ConfigHash { get; internal set; } = string.Empty;

    /// <summary>The position asked for per joint (base + residual; the previous command where a joint was not commanded).</summary>
    public double[] Requested { get; }

    /// <summary>The position sent to the hardware per joint (meaningless with <see cref="OutputMode.TorqueOff"/>).</summary>
    public double[] Sent { get; }

    public double[] SentVelocity { get; }

    public SafetyReason[] JointReasons { get; }
}

/// <summary>One state change, with who asked and why (every transition is recorded, F23).</summary>
public sealed record Transition(long TimeNs, SupervisorState From, SupervisorState To, string Cause, Principal? By);

/// <summary>The answer to an event: refused events name the reason (and change nothing).</summary>
public readonly record struct EventResult(bool Accepted, string Message)
{
    public static EventResult Ok(string message) => new(true, message);

    public static EventResult Refused(string message) => new(false, message);
}

/// <summary>Operator and safety events (F23–F24).</summary>
public enum SupervisorEvent
{
    Arm,
    Start,
    Stop,
    EmergencyStop,
    Reset,
    Disable,
}
