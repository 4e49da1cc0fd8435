namespace Robotics.Safety;

/// <summary>The per-tick motion paths: running (arbitrate, limit), stopping (decelerate) and holding.</summary>
public sealed partial class SafetySupervisor
{
    private void Run(long nowNs, double dt, SafetyReason sensors, Decision d)
    {
        var source = Arbitrate(nowNs, out var holdOff);
        if (source is null)
        {
            if (holdOff)
            {
                // Teleop paused inside its hold-off: keep still instead of handing straight back to the policy (G27).
                d.Intervened = true;
                d.Reasons |= SafetyReason.Intervention;
                Limit(null, nowNs, dt, sensors, d);
                return;
            }

            if (_active is null)
            {
                // No source has driven since START: nothing has timed out, the arm simply keeps still (E17 is per source).
                d.Reasons |= SafetyReason.NoActiveSource;
                Limit(null, nowNs, dt, sensors, d);
                return;
            }

            d.Reasons |= SafetyReason.CommandTimeout | SafetyReason.NoActiveSource;
            BeginStop(StopCategory.Cat2, SupervisorState.Hold, "command timeout: no source sent a fresh command", null, nowNs);
            ContinueStop(nowNs, dt, sensors, d);
            return;
        }

        if (source != _active)
        {
            // Bumpless switch (B9, G28): rate limits restart from where the arm is, not from the old source's command.
            Reseed();
            _active = source;
        }

        _lastDriveNs = nowNs;
        var slot = _slots[(int)source.Value];
        (d.Source, d.Sequence, d.ObservationStampNs) = (source, slot.Sequence, slot.ObservationStampNs);
        d.Intervened = slot.Intervention || source is CommandSource.Teleop or CommandSource.Remote;
        if (d.Intervened)
        {
            d.Reasons |= SafetyReason.Intervention;
        }

        if ((sensors & SafetyReason.SensorStale) != 0)
        {
            // E18: the measurement is too old for new motion; hold the last command until it is fresh again.
            Limit(null, nowNs, dt, sensors, d);
            return;
        }

        Limit(slot, nowNs, dt, sensors, d);
    }

    /// <summary>
    /// G26: the highest-priority source with a fresh command. Teleop stays in charge for the hold-off after its last
    /// command (reported through <paramref name="holdOff"/> when it is not fresh any more).
    /// </summary>
    private CommandSource? Arbitrate(long nowNs, out bool holdOff)
    {
        holdOff = false;
        for (var s = 0; s < _slots.Length; s++)
        {
            var slot = _slots[s];
            if (!slot.HasCommand)
            {
                continue;
            }

            var source = (CommandSource)s;
            var timeout = source == CommandSource.Remote ? Config.RemoteCommandTimeout : Config.CommandTimeout;
            var age = nowNs - slot.ReceivedNs;
            if (age <= (long)timeout.TotalNanoseconds)
            {
                return source;
            }

            if (source is CommandSource.Teleop && _active == source && age <= (long)Config.InterventionHoldOff.TotalNanoseconds)
            {
                holdOff = true;
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Limits every joint toward the slot's command (or toward the last command when <paramref name="slot"/> is null):
    /// the target is gated in Cartesian space first (C11 box, C12 tool step), then limited per joint (B6–B9), and the
    /// result is checked again (C11 on the result, B10 sustained saturation).
    /// </summary>
    private void Limit(CommandSlot? slot, long nowNs, double dt, SafetyReason sensors, Decision d)
    {
        ComposeTargets(slot, d);
        d.Requested.CopyTo(_target, 0);
        if (slot is not null && d.Source is { } source)
        {
            GateTarget(source, d);
        }

        _motion.CopyTo(_previousMotion, 0);
        for (var i = 0; i < _joints.Length; i++)
        {
            var reasons = SafetyReason.None;
            d.Sent[i] = JointLimiter.Limit(_joints[i], _target[i], _measured[i], ref _motion[i], dt, ref reasons);
            d.SentVelocity[i] = _motion[i].Velocity;
            d.JointReasons[i] |= reasons;
            d.Reasons |= d.JointReasons[i];
        }

        d.Mode = OutputMode.Track;
        if (!StopIfResultLeavesWorkspace(nowNs, dt, sensors, d))
        {
            StopIfSaturatedTooLong(nowNs, dt, sensors, d);
        }
    }

    /// <summary>
    /// What each joint is asked for, into <see cref="Decision.Requested"/>: the slot's base + clamp(residual, ±r_max)
    /// (C13), or the last command where the slot names no target for the joint (or there is no slot).
    /// </summary>
    private void ComposeTargets(CommandSlot? slot, Decision d)
    {
        var residualSaturated = false;
        for (var i = 0; i < _joints.Length; i++)
        {
            var joint = _joints[i];
            var target = slot is null || double.IsNaN(slot.Target[i]) ? _motion[i].Position : slot.Target[i];
            if (slot is { HasResidual: true } && !double.IsNaN(slot.Target[i]))
            {
                // C13: final = base + clamp(residual, ±r_max), and only attached to its own base command.
                var residual = slot.Residual[i];
                var capped = Math.Clamp(residual, -joint.MaxResidual, joint.MaxResidual);
                if (capped != residual)
                {
                    residualSaturated = true;
                    d.JointReasons[i] |= SafetyReason.ResidualCapped;
                }

                target += capped;
            }

            d.Requested[i] = target;
        }

        if (slot is { HasResidual: true })
        {
            slot.ResidualSaturatedTicks = residualSaturated ? slot.ResidualSaturatedTicks + 1 : 0;
            if (slot.ResidualSaturatedTicks >= Config.ResidualSaturationTicks)
            {
                // A residual pinned at its cap is misbehaving: from now on this source drives with its base only.
                (slot.ResidualDropped, slot.HasResidual) = (true, false);
                d.Reasons |= SafetyReason.ResidualDropped;
            }
        }
    }

    /// <summary>
    /// Ends tracking this tick in favour of a protective stop: the limited command is taken back (it is never sent)
    /// and the first stop frame decelerates from the last command instead, so velocity stays continuous.
    /// </summary>
    private void StopInsteadOfTrack(string cause, long nowNs, double dt, SafetyReason sensors, Decision d)
    {
        _previousMotion.CopyTo(_motion, 0);
        BeginStop(StopCategory.Cat2, SupervisorState.Hold, cause, null, nowNs);
        ContinueStop(nowNs, dt, sensors, d);
    }

    /// <summary>D14–D15: category 1/2 stops decelerate every joint at its MaxDeceleration until all stand still.</summary>
    private void ContinueStop(long nowNs, double dt, SafetyReason sensors, Decision d)
    {
        d.Reasons |= SafetyReason.StopRequested;
        if (EscalateIfOffBudget(nowNs, sensors, d))
        {
            Output(d, OutputMode.TorqueOff, _held);
            return;
        }

        var still = true;
        for (var i = 0; i < _joints.Length; i++)
        {
            still &= JointLimiter.Decelerate(_joints[i], ref _motion[i], dt);
            (d.Sent[i], d.Requested[i], d.SentVelocity[i]) = (_motion[i].Position, _motion[i].Position, _motion[i].Velocity);
        }

        d.Mode = OutputMode.Stopping;
        if (still)
        {
            FinishStop(nowNs);
            d.Mode = _torqueOn ? OutputMode.Hold : OutputMode.TorqueOff;
        }
    }

    private void HoldStill(long nowNs, Decision d)
    {
        Output(d, _torqueOn ? OutputMode.Hold : OutputMode.TorqueOff, _held);
        if (!_torqueOn || !_hasMeasurement)
        {
            return;
        }

        for (var i = 0; i < _joints.Length; i++)
        {
            if (Math.Abs(_measured[i] - _held[i]) > Config.HoldDriftTolerance)
            {
                // D15: something pushes the arm away while it holds (a collision, a failing servo): escalate.
                d.JointReasons[i] |= SafetyReason.HoldDrift;
                d.Reasons |= SafetyReason.HoldDrift;
                if (State is SupervisorState.Hold or SupervisorState.Armed)
                {
                    Enter(SupervisorState.Fault, $"joint '{_joints[i].Name}' drifted {Math.Abs(_measured[i] - _held[i]):0.###} rad while holding", null, nowNs);
                }
            }
        }
    }

    private void Reseed()
    {
        for (var i = 0; i < _joints.Length; i++)
        {
            _motion[i] = new JointMotion(_measured[i]);
        }
    }
}
