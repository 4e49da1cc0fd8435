namespace Robotics.Safety;

/// <summary>What happens to a request whose tool step exceeds its <see cref="ToolStepCap"/> (SAFETY.md C12).</summary>
public enum ToolStepMode
{
    /// <summary>The joint delta is scaled down until the tool step fits; reason <see cref="SafetyReason.ToolStepCapped"/>.</summary>
    Limit,

    /// <summary>
    /// The request is dropped and counted like a policy deadline miss (no stop for one; K in a row → HOLD, E19);
    /// reason <see cref="SafetyReason.ToolStepRejected"/>.
    /// </summary>
    Reject,
}
