namespace Robotics.Safety;

/// <summary>Monitors that escalate: effort (B7), sustained saturation (B10) and the stop budget (D15).</summary>
public sealed partial class SafetySupervisor
{
    /// <summary>
    /// B10: the bits that mean a source asks for what it cannot have (beyond a position, step, workspace or residual
    /// limit). Velocity, acceleration and jerk limiting are not among them: they are how the supervisor smooths a
    /// sparse source — a 20 Hz policy under a 200 Hz loop jumps its target every 10th tick and is rate-limited on
    /// nearly every tick in between while behaving perfectly (seen in the MuJoCo reach demo). Reporting bits
    /// (Intervention, NoActiveSource, Overrun…) and one-off events (ResidualDropped) are not saturation either.
    /// </summary>
    internal const SafetyReason LimitingReasons = SafetyReason.PositionLimited | SafetyReason.BrakingEnvelope | SafetyReason.StepCapped
        | SafetyReason.ResidualCapped | SafetyReason.InwardOnly | SafetyReason.WorkspaceLimited | SafetyReason.ToolStepCapped;

    // D15: a stop gets 1.5× the time the slowest joint needs at its MaxDeceleration (plus StopTimeMargin).
    private const double StopTimeFactor = 1.5;

    /// <summary>
    /// B7: a measured |effort| beyond a joint's MaxEffort while running is a protective stop to HOLD, before the
    /// servo's own overload protection trips and drops the arm (H32). An unreadable effort (non-finite, missing) on a
    /// joint with a limit counts as beyond it: never compare a NaN (A1). Empty <paramref name="effort"/>: not measured.
    /// </summary>
    private void CheckEffort(long nowNs, ReadOnlySpan<double> effort, Decision d)
    {
        if (effort.IsEmpty)
        {
            return;
        }

        var first = -1;
        for (var i = 0; i < _joints.Length; i++)
        {
            var max = _joints[i].MaxEffort;
            if (max > 0 && (i >= effort.Length || !(Math.Abs(effort[i]) <= max)))
            {
                d.JointReasons[i] |= SafetyReason.EffortLimit;
                d.Reasons |= SafetyReason.EffortLimit;
                first = first < 0 ? i : first;
            }
        }

        if (first >= 0 && State == SupervisorState.Running)
        {
            var j = _joints[first];
            var cause = first < effort.Length
                ? $"joint '{j.Name}': effort {effort[first]:0.###} beyond max_effort {j.MaxEffort} (stopping before the servo's own overload trip, B7/H32)"
                : $"joint '{j.Name}': no effort reading but max_effort {j.MaxEffort} is set (B7)";
            BeginStop(StopCategory.Cat2, SupervisorState.Hold, cause, null, nowNs);
        }
    }

    /// <summary>
    /// B10: one source limited on every tick for longer than <see cref="SafetyConfig.SaturationToHold"/> misbehaves →
    /// protective stop to HOLD. Any tick without a limiting bit, another source or none restarts the count.
    /// </summary>
    private void StopIfSaturatedTooLong(long nowNs, double dt, SafetyReason sensors, Decision d)
    {
        var limiting = d.Reasons & LimitingReasons;
        if (limiting == SafetyReason.None || d.Source is not { } source || source != _saturatedSource)
        {
            (_saturatedSource, _saturatedSinceNs, _saturatedReasons) = (limiting == SafetyReason.None ? null : d.Source, nowNs, limiting);
            return;
        }

        _saturatedReasons |= limiting;
        if (nowNs - _saturatedSinceNs <= (long)Config.SaturationToHold.TotalNanoseconds)
        {
            return;
        }

        d.Reasons |= SafetyReason.SustainedSaturation;
        var cause = $"sustained saturation: {source}'s commands were limited on every tick for {(nowNs - _saturatedSinceNs) / 1e9:0.##} s by {_saturatedReasons} (B10: the source misbehaves)";
        StopInsteadOfTrack(cause, nowNs, dt, sensors, d);
    }

    /// <summary>D15: the time a stop from the current commanded velocities may take.</summary>
    private long StopBudgetNs()
    {
        var seconds = 0.0;
        for (var i = 0; i < _joints.Length; i++)
        {
            seconds = Math.Max(seconds, Math.Abs(_motion[i].Velocity) / _joints[i].MaxDeceleration);
        }

        return (long)(((StopTimeFactor * seconds) + Config.StopTimeMargin.TotalSeconds) * 1e9);
    }

    /// <summary>
    /// D15: a stop that overruns its time budget, or whose measured joints leave the commanded stop trajectory by more
    /// than <see cref="SafetyConfig.StopTrackingTolerance"/> (blocked, or running away), goes up one category per tick:
    /// Cat2 → Cat1 (torque off once still), Cat1 → Cat0 (torque off now). A stale measurement says nothing about the
    /// arm, so only the time budget applies then. Returns true when torque went off now.
    /// </summary>
    private bool EscalateIfOffBudget(long nowNs, SafetyReason sensors, Decision d)
    {
        string? why = null;
        if (nowNs > _stopDeadlineNs)
        {
            why = $"the stop overran its time budget by {(nowNs - _stopDeadlineNs) / 1e6:0.#} ms";
        }
        else if ((sensors & (SafetyReason.SensorStale | SafetyReason.SensorLost)) == 0)
        {
            for (var i = 0; i < _joints.Length; i++)
            {
                // _motion still holds the last stop command: what the measurement should have reached by now.
                var off = Math.Abs(_measured[i] - _motion[i].Position);
                if (off > Config.StopTrackingTolerance)
                {
                    d.JointReasons[i] |= SafetyReason.StopEscalated;
                    why ??= $"joint '{_joints[i].Name}' is {off:0.###} rad off its stop trajectory (tolerance {Config.StopTrackingTolerance} rad)";
                }
            }
        }

        if (why is null)
        {
            return false;
        }

        d.Reasons |= SafetyReason.StopEscalated;
        if (_stopCategory == StopCategory.Cat2)
        {
            (_stopCategory, _stopDeadlineNs) = (StopCategory.Cat1, nowNs + StopBudgetNs());
            Enter(SupervisorState.Stopping, "stop escalated Cat2 → Cat1 (torque off once still): " + why, null, nowNs);
            return false;
        }

        (_stopCategory, _torqueOn) = (StopCategory.Cat0, false);
        LastCommand(_held);
        Enter(_stopTo, "stop escalated Cat1 → Cat0 (torque off now): " + why, null, nowNs);
        return true;
    }
}
