using Robotics.Safety.Kinematics;

namespace Robotics.Safety;

/// <summary>I35: limits change only when not running, only by the operator, versioned with a content hash.</summary>
public sealed partial class SafetySupervisor
{
    /// <summary>
    /// Replaces the limits. Accepted only from the operator, only when neither RUNNING nor STOPPING, only for a
    /// configuration that validates, names the same joints in the same order (the hardware's) and keeps the period
    /// (the loop's rate). Commands queued under the old limits are discarded. Recorded as a transition (in the same
    /// state) whose cause names the old and the new version and hash; refusals change nothing.
    /// </summary>
    public EventResult Reconfigure(SafetyConfig config, Principal by, long nowNs)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (by != Principal.Operator)
        {
            return EventResult.Refused($"changing the limits needs the operator; {by} may only stop (SAFETY.md F24, I35)");
        }

        if (State is SupervisorState.Running or SupervisorState.Stopping)
        {
            return EventResult.Refused($"limits change only when not running (SAFETY.md I35): now {State}; stop first");
        }

        var errors = config.Validate();
        if (errors.Count > 0)
        {
            return EventResult.Refused("the new safety configuration is invalid, the old one stays: " + string.Join("; ", errors));
        }

        if (config.Joints.Count != _joints.Length || config.Joints.Where((j, i) => !string.Equals(j.Name, _joints[i].Name, StringComparison.Ordinal)).Any())
        {
            return EventResult.Refused($"the new configuration must name the same joints in the same order ({string.Join(", ", _joints.Select(j => j.Name))}): they are the hardware's");
        }

        if (config.Period != Config.Period)
        {
            return EventResult.Refused($"the period ({Config.Period.TotalMilliseconds} ms) is the control loop's rate, fixed at start-up");
        }

        var (oldVersion, oldHash) = (Config.Version, ConfigHash);
        DiscardCommands();
        ApplyConfig(config);
        Enter(State, $"reconfigured by the operator: limits v{oldVersion} {oldHash} → v{config.Version} {ConfigHash}", Principal.Operator, nowNs);
        return EventResult.Ok($"limits v{config.Version} ({ConfigHash}) in force");
    }

    /// <summary>Takes <paramref name="config"/>'s limits; the Cartesian gates only when it is valid (never used otherwise).</summary>
    private void ApplyConfig(SafetyConfig config)
    {
        (Config, ConfigErrors, ConfigHash) = (config, config.Validate(), config.ComputeContentHash());
        for (var i = 0; i < _joints.Length; i++)
        {
            _joints[i] = config.Joints[i];
        }

        var valid = ConfigErrors.Count == 0;
        _workspace = valid ? config.Workspace : null;
        _kinematics = _workspace is null ? null : new ForwardKinematics(_workspace.Chain);
        Array.Clear(_caps);
        foreach (var cap in valid ? config.ToolStepCaps : [])
        {
            _caps[(int)cap.Source] = cap;
        }

        _saturatedSource = null;
    }
}
