using System.Globalization;

namespace Robotics.Safety;

/// <summary>
/// Everything the supervisor enforces besides per-joint limits, with reference values from SAFETY.md. An invalid
/// configuration keeps the supervisor DISABLED with one message listing every problem (A5); nothing is swapped or
/// clamped to make it fit.
/// </summary>
public sealed record SafetyConfig
{
    public required IReadOnlyList<JointLimit> Joints { get; init; }

    /// <summary>
    /// I35: the version the author gives this configuration. Records carry it beside <see cref="ComputeContentHash"/>,
    /// which is what actually identifies the limits (two configs with one version but other limits differ in hash).
    /// </summary>
    public int Version { get; init; } = 1;

    /// <summary>C11: the box the tool point must stay in, and the chain that finds the tool point; null: unchecked.</summary>
    public Workspace? Workspace { get; init; }

    /// <summary>C12: per-source caps on the tool-point step, through <see cref="Workspace"/>'s chain; empty: none.</summary>
    public IReadOnlyList<ToolStepCap> ToolStepCaps { get; init; } = [];

    /// <summary>
    /// B10: a source whose commands are limited on every tick for longer than this misbehaves (a policy pushing into
    /// a limit, asking faster than the arm may go): protective stop to HOLD. 2 s is several times the catch-up a
    /// well-behaved source causes (a target one max_step away, 0.2 rad at 1.5 rad/s, is limited for about 0.15 s),
    /// while a source that asks for far jumps (a whole range at once) is stopped: it should send a trajectory.
    /// </summary>
    public TimeSpan SaturationToHold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// D15: added to every stop's time budget (1.5 × the slowest joint's |v| / MaxDeceleration), so a stop from a
    /// standstill still gets a few periods and a loop's jitter does not escalate a stop that goes as planned.
    /// </summary>
    public TimeSpan StopTimeMargin { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// D15: largest distance (rad) between a joint's measured position and the stop trajectory it was commanded during
    /// a stop; beyond it the stop escalates (the arm is not decelerating as planned: blocked, or running away).
    /// </summary>
    public double StopTrackingTolerance { get; init; } = 0.05;

    /// <summary>The control loop's period (100–1000 Hz); rate limits use it when a tick's dt is implausible (A4).</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>A source whose last command is older than this stops driving (E17; MoveIt Servo 0.1 s). Never zero.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Remote teleop over a network gets longer (twist_mux 0.5 s).</summary>
    public TimeSpan RemoteCommandTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A command computed from an observation older than this misses the policy deadline (E19).</summary>
    public TimeSpan MaxObservationAge { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>This many deadline misses in a row → HOLD (E19).</summary>
    public int DeadlineMissesToHold { get; init; } = 3;

    /// <summary>
    /// E20: more late ticks than this within one second is a protective stop to HOLD (a tick is late when it comes
    /// more than 1.5 periods after the previous one). Sustained lateness means limits and watchdogs no longer hold.
    /// </summary>
    public int MaxLateTicksPerSecond { get; init; } = 5;

    /// <summary>H31: this many failed hardware reads in a row (timeouts, CRC errors) stop new motion: HOLD.</summary>
    public int FailedReadsToHold { get; init; } = 3;

    /// <summary>Stamps further in the future than this are rejected (clocks of two machines disagree).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Measured state older than this allows no new motion (E18).</summary>
    public TimeSpan SensorStaleAfter { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Measured state older than this is a protective stop → FAULT (E18).</summary>
    public TimeSpan SensorLostAfter { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Measured beyond a hard limit by more than this → FAULT; by less, only inward motion (B6, ros2_control 0.0087 rad).</summary>
    public double PositionFaultTolerance { get; init; } = 0.0087;

    /// <summary>Holding, a measured drift beyond this from the held position escalates to FAULT (D15).</summary>
    public double HoldDriftTolerance { get; init; } = 0.1;

    /// <summary>A residual at its cap this many ticks in a row is dropped (base only) until the source restarts (C13).</summary>
    public int ResidualSaturationTicks { get; init; } = 50;

    /// <summary>Teleop keeps control this long after its last command (G27, SERL 0.5 s), so a pause does not hand back.</summary>
    public TimeSpan InterventionHoldOff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How ESTOP and faults stop: category 2 (decelerate, hold with torque) for servos without brakes (D14).</summary>
    public StopCategory EmergencyStop { get; init; } = StopCategory.Cat2;

    /// <summary>Every problem with this configuration, one per line; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Joints is null || Joints.Count == 0)
        {
            errors.Add("no joints are configured");
            return errors;
        }

        foreach (var duplicate in Joints.GroupBy(j => j.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"joint '{duplicate.Key}' is configured {duplicate.Count()} times");
        }

        foreach (var j in Joints)
        {
            var values = new (string Name, double Value)[]
            {
                ("hard_min", j.HardMin), ("hard_max", j.HardMax), ("soft_min", j.SoftMin), ("soft_max", j.SoftMax),
                ("max_velocity", j.MaxVelocity), ("max_acceleration", j.MaxAcceleration), ("max_deceleration", j.MaxDeceleration),
                ("max_jerk", j.MaxJerk), ("max_step", j.MaxStep), ("max_residual", j.MaxResidual), ("max_effort", j.MaxEffort),
            };
            foreach (var (name, value) in values.Where(v => !double.IsFinite(v.Value)))
            {
                errors.Add($"joint '{j.Name}': {name} is {value.ToString(CultureInfo.InvariantCulture)}, not a finite number");
            }

            if (!(j.HardMin < j.HardMax))
            {
                errors.Add($"joint '{j.Name}': hard_min {Num(j.HardMin)} must be below hard_max {Num(j.HardMax)} (never swapped silently)");
            }

            if (!(j.SoftMin < j.SoftMax))
            {
                errors.Add($"joint '{j.Name}': soft_min {Num(j.SoftMin)} must be below soft_max {Num(j.SoftMax)}");
            }

            if (j.SoftMin < j.HardMin || j.SoftMax > j.HardMax)
            {
                errors.Add($"joint '{j.Name}': soft limits [{Num(j.SoftMin)}, {Num(j.SoftMax)}] must lie inside hard limits [{Num(j.HardMin)}, {Num(j.HardMax)}]");
            }

            foreach (var (name, value) in values.Skip(4).Where(v => v.Name is not ("max_jerk" or "max_residual" or "max_effort") && !(v.Value > 0)))
            {
                errors.Add($"joint '{j.Name}': {name} must be greater than 0 (is {Num(value)})");
            }

            if (j.MaxJerk < 0 || j.MaxResidual < 0 || j.MaxEffort < 0)
            {
                errors.Add($"joint '{j.Name}': max_jerk, max_residual and max_effort must not be negative (0 turns them off)");
            }
        }

        Positive(errors, "period", Period);
        Positive(errors, "command_timeout", CommandTimeout);
        Positive(errors, "remote_command_timeout", RemoteCommandTimeout);
        Positive(errors, "max_observation_age", MaxObservationAge);
        Positive(errors, "sensor_stale_after", SensorStaleAfter);
        if (SensorLostAfter <= SensorStaleAfter)
        {
            errors.Add($"sensor_lost_after ({SensorLostAfter.TotalMilliseconds} ms) must be longer than sensor_stale_after ({SensorStaleAfter.TotalMilliseconds} ms)");
        }

        if (DeadlineMissesToHold < 1 || ResidualSaturationTicks < 1 || MaxLateTicksPerSecond < 1 || FailedReadsToHold < 1)
        {
            errors.Add("deadline_misses_to_hold, residual_saturation_ticks, max_late_ticks_per_second and failed_reads_to_hold must be at least 1");
        }

        if (!(PositionFaultTolerance >= 0) || !(HoldDriftTolerance > 0) || !double.IsFinite(PositionFaultTolerance) || !double.IsFinite(HoldDriftTolerance))
        {
            errors.Add("position_fault_tolerance must be ≥ 0 and hold_drift_tolerance > 0, both finite");
        }

        Positive(errors, "saturation_to_hold", SaturationToHold);
        if (StopTimeMargin < TimeSpan.Zero || !(StopTrackingTolerance > 0) || !double.IsFinite(StopTrackingTolerance))
        {
            errors.Add("stop_time_margin must not be negative and stop_tracking_tolerance must be finite and greater than 0");
        }

        if (Workspace is not null)
        {
            errors.AddRange(Workspace.Validate(Joints.Count));
        }

        errors.AddRange(ToolStepCapErrors());
        return errors;
    }

    /// <summary>Returns the SHA-256 (lowercase hex) of this configuration's canonical text: what records cite (I35).</summary>
    public string ComputeContentHash() => SafetyConfigText.Hash(this);

    private List<string> ToolStepCapErrors()
    {
        var errors = new List<string>();
        if (ToolStepCaps is null)
        {
            errors.Add("tool_step_caps must not be null (empty: none)");
            return errors;
        }

        if (ToolStepCaps.Count > 0 && Workspace is null)
        {
            errors.Add("tool_step_caps need a workspace: its kinematic chain finds the tool point");
        }

        for (var i = 0; i < ToolStepCaps.Count; i++)
        {
            var cap = ToolStepCaps[i];
            if (cap is null || !Enum.IsDefined(cap.Source) || !Enum.IsDefined(cap.Mode) || !(cap.MaxStepM > 0) || !double.IsFinite(cap.MaxStepM))
            {
                errors.Add($"tool_step_caps[{i}]: needs a known source and mode and a finite max_step_m greater than 0 (LeRobot max_ee_step_m 0.05)");
            }
            else if (ToolStepCaps.Take(i).Any(c => c?.Source == cap.Source))
            {
                errors.Add($"tool_step_caps: {cap.Source} is capped twice");
            }
        }

        return errors;
    }

    // A zero timeout is the classic pitfall (joint_trajectory_controller's default 0 means "never"): refused (E17).
    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be greater than 0 (a zero timeout would never fire)");
        }
    }

    private static string Num(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
