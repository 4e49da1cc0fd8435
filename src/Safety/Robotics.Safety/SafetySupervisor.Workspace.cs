namespace Robotics.Safety;

/// <summary>The Cartesian gates (SAFETY.md C11 workspace box, C12 per-source tool-step cap) around the joint limits.</summary>
public sealed partial class SafetySupervisor
{
    /// <summary>
    /// C11, C12 on a source's composed target (in <c>_target</c>): a tool point outside the box gets no new motion
    /// (every joint keeps its last command); a tool step beyond a Limit-mode cap is scaled down along the joint delta.
    /// </summary>
    private void GateTarget(CommandSource source, Decision d)
    {
        if (_kinematics is null || _workspace is null)
        {
            return;
        }

        if (!_workspace.Contains(_kinematics.ToolPoint(_target)))
        {
            d.Reasons |= SafetyReason.WorkspaceLimited;
            for (var i = 0; i < _joints.Length; i++)
            {
                _target[i] = _motion[i].Position;
                d.JointReasons[i] |= SafetyReason.WorkspaceLimited;
            }

            return;
        }

        if (_caps[(int)source] is { Mode: ToolStepMode.Limit } cap)
        {
            LastCommand(_lastCommand);
            if (ToolStepLimiter.Limit(_kinematics, _lastCommand, _target, cap.MaxStepM, _scratch))
            {
                d.Reasons |= SafetyReason.ToolStepCapped;
                for (var i = 0; i < _joints.Length; i++)
                {
                    d.JointReasons[i] |= _target[i] != d.Requested[i] ? SafetyReason.ToolStepCapped : SafetyReason.None;
                }
            }
        }
    }

    /// <summary>
    /// C12 reject mode, at Submit: whether this request's target (base + capped residual; the last command for joints
    /// it does not name) moves the tool point further than its source's cap from the last command.
    /// </summary>
    private bool ToolStepRejects(CommandSource source, CommandSlot slot, ReadOnlySpan<string> joints, ReadOnlySpan<double> position, ReadOnlySpan<double> residual)
    {
        if (_kinematics is null || _caps[(int)source] is not { Mode: ToolStepMode.Reject } cap)
        {
            return false;
        }

        LastCommand(_lastCommand);
        _lastCommand.CopyTo(_scratch, 0);
        for (var k = 0; k < joints.Length; k++)
        {
            var i = IndexOf(joints[k]);
            var r = residual.IsEmpty || slot.ResidualDropped ? 0 : Math.Clamp(residual[k], -_joints[i].MaxResidual, _joints[i].MaxResidual);
            _scratch[i] = position[k] + r;
        }

        var step = (_kinematics.ToolPoint(_scratch) - _kinematics.ToolPoint(_lastCommand)).Length;
        return !(step <= cap.MaxStepM);
    }

    /// <summary>
    /// C11 again on the joint result: the joints move along their own paths and a stop overshoots, so a target inside
    /// the box does not promise a result inside it. Outside → protective stop to HOLD; returns true when it stopped.
    /// </summary>
    private bool StopIfResultLeavesWorkspace(long nowNs, double dt, SafetyReason sensors, Decision d)
    {
        if (_kinematics is null || _workspace is null)
        {
            return false;
        }

        var tool = _kinematics.ToolPoint(d.Sent);
        if (_workspace.Contains(tool))
        {
            return false;
        }

        d.Reasons |= SafetyReason.WorkspaceViolation;
        StopInsteadOfTrack($"workspace violation: the limited command puts the tool point at ({tool.X:0.###}, {tool.Y:0.###}, {tool.Z:0.###}) m, outside the box {_workspace.Min}..{_workspace.Max} (C11)", nowNs, dt, sensors, d);
        return true;
    }

    private void LastCommand(double[] into)
    {
        for (var i = 0; i < _joints.Length; i++)
        {
            into[i] = _motion[i].Position;
        }
    }
}
