namespace Robotics.Safety;

/// <summary>The latched state machine and its authority rules (SAFETY.md D14–D16, F23–F25).</summary>
public sealed partial class SafetySupervisor
{
    /// <summary>
    /// Asks for a state change. Anyone may stop (accepted in every state, idempotent, never delayed); only the
    /// operator arms, starts, resets and disables. RESET reaches ARMED, never RUNNING. Refusals name the reason.
    /// </summary>
    public EventResult Request(SupervisorEvent request, Principal by, long nowNs, StopCategory category = StopCategory.Cat2)
    {
        if (request is SupervisorEvent.Stop or SupervisorEvent.EmergencyStop)
        {
            var to = request == SupervisorEvent.EmergencyStop ? SupervisorState.EStop : SupervisorState.Hold;
            var cat = request == SupervisorEvent.EmergencyStop ? Config.EmergencyStop : category;
            return Stop(to, cat, by, nowNs);
        }

        if (by != Principal.Operator)
        {
            return EventResult.Refused($"{request} needs the operator; {by} may only stop (SAFETY.md F24)");
        }

        return request switch
        {
            SupervisorEvent.Arm => Arm(nowNs),
            SupervisorEvent.Start => Start(nowNs),
            SupervisorEvent.Reset => Reset(nowNs),
            SupervisorEvent.Disable => Disable(nowNs),
            _ => EventResult.Refused($"unknown event {request}"),
        };
    }

    /// <summary>
    /// A hardware fault reported by the driver (H29–H31): a category 2 stop into the latched FAULT state, from any state
    /// where torque may be on. Idempotent.
    /// </summary>
    public void ReportHardwareFault(string cause, long nowNs)
    {
        if (State is SupervisorState.Armed or SupervisorState.Running or SupervisorState.Hold or SupervisorState.EStop
            || (State == SupervisorState.Stopping && _stopTo != SupervisorState.Fault))
        {
            // Never milder than a stop already underway (a category 1 stays category 1).
            var category = State == SupervisorState.Stopping && _stopCategory < StopCategory.Cat2 ? _stopCategory : StopCategory.Cat2;
            BeginStop(category, SupervisorState.Fault, "hardware fault: " + cause, null, nowNs);
        }
    }

    private EventResult Stop(SupervisorState to, StopCategory category, Principal by, long nowNs)
    {
        DiscardCommands();
        switch (State)
        {
            case SupervisorState.Disabled:
                return EventResult.Ok("already stopped (torque off)");
            case SupervisorState.Running or SupervisorState.Armed or SupervisorState.Stopping:
                // A stop already underway only ever gets stricter: its end state (HOLD < ESTOP < FAULT) and category.
                var (target, cat) = State == SupervisorState.Stopping
                    ? (Stricter(to, _stopTo), (StopCategory)Math.Min((int)category, (int)_stopCategory))
                    : (to, category);
                if (State != SupervisorState.Stopping || target != _stopTo || cat != _stopCategory)
                {
                    BeginStop(cat, target, to == SupervisorState.EStop ? "emergency stop" : "stop", by, nowNs);
                }

                return EventResult.Ok($"stopping ({cat})");
            default:
                if (to == SupervisorState.EStop && State != SupervisorState.EStop)
                {
                    Enter(SupervisorState.EStop, "emergency stop while stopped", by, nowNs);
                }

                return EventResult.Ok("already stopped");
        }
    }

    private EventResult Arm(long nowNs)
    {
        if (State != SupervisorState.Disabled)
        {
            return EventResult.Refused($"ARM is accepted in DISABLED only (now {State}); after a stop use RESET");
        }

        if (Preconditions(nowNs) is { } problem)
        {
            return EventResult.Refused(problem);
        }

        HoldHere();
        Enter(SupervisorState.Armed, "armed by the operator", Principal.Operator, nowNs);
        return EventResult.Ok("armed: holding the measured position");
    }

    private EventResult Start(long nowNs)
    {
        if (State != SupervisorState.Armed)
        {
            return EventResult.Refused($"START is accepted in ARMED only (now {State})");
        }

        if (Preconditions(nowNs) is { } problem)
        {
            return EventResult.Refused(problem);
        }

        // F23: the first command must be within the step cap of where the arm is.
        foreach (var slot in _slots)
        {
            for (var i = 0; slot.HasCommand && i < _joints.Length; i++)
            {
                if (!double.IsNaN(slot.Target[i]) && Math.Abs(slot.Target[i] - _measured[i]) > _joints[i].MaxStep)
                {
                    return EventResult.Refused($"joint '{_joints[i].Name}': the pending command is {Math.Abs(slot.Target[i] - _measured[i]):0.###} rad from the measured position, beyond max_step {_joints[i].MaxStep}; send a command near the current pose first");
                }
            }
        }

        if (_kinematics is not null && _workspace is not null && !_workspace.Contains(_kinematics.ToolPoint(_measured)))
        {
            // C11: no motion could start here (every target near this pose is outside too); move the arm in by hand.
            return EventResult.Refused($"the tool point is at {_kinematics.ToolPoint(_measured)}, outside the workspace box {_workspace.Min}..{_workspace.Max}; move the arm inside with torque off first");
        }

        Reseed();
        (_active, _lastDriveNs, _deadlineMisses, _saturatedSource) = (null, nowNs, 0, null);
        Enter(SupervisorState.Running, "started by the operator", Principal.Operator, nowNs);
        return EventResult.Ok("running");
    }

    private EventResult Reset(long nowNs)
    {
        if (State is not (SupervisorState.Hold or SupervisorState.Fault or SupervisorState.EStop))
        {
            return EventResult.Refused($"RESET clears HOLD, FAULT or ESTOP (now {State})");
        }

        if (Preconditions(nowNs) is { } problem)
        {
            return EventResult.Refused(problem);
        }

        DiscardCommands();
        HoldHere();
        Enter(SupervisorState.Armed, "reset by the operator (ARMED, never straight to RUNNING)", Principal.Operator, nowNs);
        return EventResult.Ok("armed: holding the measured position; START to run");
    }

    private EventResult Disable(long nowNs)
    {
        if (State is SupervisorState.Running or SupervisorState.Stopping)
        {
            return EventResult.Refused($"stop first: DISABLE turns torque off, which is not allowed while {State}");
        }

        DiscardCommands();
        _torqueOn = false;
        if (State != SupervisorState.Disabled)
        {
            Enter(SupervisorState.Disabled, "disabled by the operator", Principal.Operator, nowNs);
        }

        return EventResult.Ok("disabled: torque off");
    }

    /// <summary>What keeps the arm from being armed, or null: a valid configuration, a fresh measurement inside the hard limits.</summary>
    private string? Preconditions(long nowNs)
    {
        if (ConfigErrors.Count > 0)
        {
            return "the safety configuration is invalid: " + string.Join("; ", ConfigErrors);
        }

        if (!_hasMeasurement || nowNs - _measuredStampNs > (long)Config.SensorStaleAfter.TotalNanoseconds)
        {
            return "no fresh joint state: the arm's position is unknown (is the driver running?)";
        }

        for (var i = 0; i < _joints.Length; i++)
        {
            if (_measured[i] < _joints[i].HardMin - Config.PositionFaultTolerance || _measured[i] > _joints[i].HardMax + Config.PositionFaultTolerance)
            {
                return $"joint '{_joints[i].Name}' is at {_measured[i]:0.###} rad, beyond its hard limits; move it back by hand with torque off";
            }
        }

        return null;
    }

    private void BeginStop(StopCategory category, SupervisorState to, string cause, Principal? by, long nowNs)
    {
        DiscardCommands();
        if (State == SupervisorState.Stopping)
        {
            // A stop underway only ever gets stricter, from whichever path stops again: its end state and its category
            // (so a D15 escalation to Cat1 is never undone by a later fault asking for Cat2).
            (to, category) = (Stricter(to, _stopTo), (StopCategory)Math.Min((int)category, (int)_stopCategory));
        }

        (_stopTo, _stopCategory, _saturatedSource) = (to, category, null);
        if (State == SupervisorState.Armed || category == StopCategory.Cat0)
        {
            // Nothing is moving (ARMED holds) or torque goes off now (category 0): the stop is complete at once.
            _torqueOn = category != StopCategory.Cat0 && _torqueOn;
            if (State == SupervisorState.Armed && _torqueOn)
            {
                HoldHere();
            }

            Enter(to, cause, by, nowNs);
            return;
        }

        // D15: the time budget is set when the stop begins and never extended by a second stop request.
        var deadline = nowNs + StopBudgetNs();
        _stopDeadlineNs = State == SupervisorState.Stopping ? Math.Min(_stopDeadlineNs, deadline) : deadline;
        Enter(SupervisorState.Stopping, cause, by, nowNs);
    }

    private void FinishStop(long nowNs)
    {
        _torqueOn = _stopCategory == StopCategory.Cat2;
        for (var i = 0; i < _joints.Length; i++)
        {
            _held[i] = _motion[i].Position;
        }

        Enter(_stopTo, $"stopped ({_stopCategory})", null, nowNs);
    }

    private static SupervisorState Stricter(SupervisorState a, SupervisorState b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(SupervisorState latched) => latched switch
    {
        SupervisorState.Fault => 2,
        SupervisorState.EStop => 1,
        _ => 0,
    };

    private void HoldHere()
    {
        _measured.CopyTo(_held, 0);
        Reseed();
        _torqueOn = true;
    }

    private void DiscardCommands()
    {
        // F24: commands queued before a stop never run after it.
        foreach (var slot in _slots)
        {
            slot.Clear();
        }

        _active = null;
    }

    private void Enter(SupervisorState to, string cause, Principal? by, long nowNs)
    {
        _transitions.Add(new Transition(nowNs, State, to, cause, by));
        State = to;
    }
}
