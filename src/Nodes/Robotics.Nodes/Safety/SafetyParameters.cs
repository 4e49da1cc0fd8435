using Robotics.Middleware.Parameters;
using Robotics.Safety;

namespace Robotics.Nodes.Safety;

/// <summary>
/// The supervisor's configuration as read-only ROS parameters: <c>joints</c>, <c>limits.&lt;joint&gt;.&lt;limit&gt;</c>
/// per joint, and the watchdog times in seconds. Defaults are conservative for a hobby arm (SO-100 class servos).
/// </summary>
public static class SafetyParameters
{
    private static readonly string[] _defaultJoints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    public static SafetyConfig Declare(ParameterStore parameters, double rateHz)
    {
        var joints = parameters.Declare("joints", (object)_defaultJoints, ReadOnly("joints the supervisor gates, in hardware order")).AsStringArray();
        var limits = joints.Select(joint => new JointLimit(joint)
        {
            HardMin = Limit(parameters, joint, "hard_min", -3.0),
            HardMax = Limit(parameters, joint, "hard_max", 3.0),
            SoftMin = Limit(parameters, joint, "soft_min", -2.9),
            SoftMax = Limit(parameters, joint, "soft_max", 2.9),
            MaxVelocity = Limit(parameters, joint, "max_velocity", 1.5),
            MaxAcceleration = Limit(parameters, joint, "max_acceleration", 6.0),
            MaxDeceleration = Limit(parameters, joint, "max_deceleration", 12.0),
            MaxJerk = Limit(parameters, joint, "max_jerk", 0.0),
            MaxStep = Limit(parameters, joint, "max_step", 0.2),
            MaxResidual = Limit(parameters, joint, "max_residual", 0.1),
            MaxEffort = Limit(parameters, joint, "max_effort", 0.0),
        }).ToList();
        var (workspace, caps) = WorkspaceParameters.Declare(parameters, limits.Count);
        return new SafetyConfig
        {
            Joints = limits,
            Workspace = workspace,
            ToolStepCaps = caps,
            Period = TimeSpan.FromSeconds(1 / rateHz),
            CommandTimeout = Seconds(parameters, "command_timeout_s", 0.1),
            RemoteCommandTimeout = Seconds(parameters, "remote_command_timeout_s", 0.5),
            MaxObservationAge = Seconds(parameters, "max_observation_age_s", 0.2),
            SensorStaleAfter = Seconds(parameters, "sensor_stale_after_s", 0.05),
            SensorLostAfter = Seconds(parameters, "sensor_lost_after_s", 0.25),
            InterventionHoldOff = Seconds(parameters, "intervention_hold_off_s", 0.5),
            MaxLateTicksPerSecond = (int)parameters.Declare("max_late_ticks_per_second", 5L, ReadOnly("late control ticks per second before a protective stop")),
            FailedReadsToHold = (int)parameters.Declare("failed_reads_to_hold", 3L, ReadOnly("hardware reads failing in a row before HOLD")),
            SaturationToHold = Seconds(parameters, "saturation_to_hold_s", 2.0),
            StopTimeMargin = Seconds(parameters, "stop_time_margin_s", 0.1),
            StopTrackingTolerance = parameters.Declare("stop_tracking_tolerance", 0.05, ReadOnly("largest distance (rad, m) between measured and commanded stop trajectory before a stop escalates one category (D15)")),
        };
    }

    private static double Limit(ParameterStore parameters, string joint, string name, double fallback) =>
        parameters.Declare($"limits.{joint}.{name}", fallback, ReadOnly($"{name} of {joint} (rad, s)"));

    private static TimeSpan Seconds(ParameterStore parameters, string name, double fallback) =>
        TimeSpan.FromSeconds(parameters.Declare(name, fallback, ReadOnly("seconds; never 0")));

    // Limits change only when not running and are versioned (SAFETY.md I35): here, only at start-up.
    private static ParameterDescriptor ReadOnly(string description) => new() { ReadOnly = true, Description = description };
}
