using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Robotics.Safety.Kinematics;

namespace Robotics.Safety;

/// <summary>
/// I35: the canonical text of a <see cref="SafetyConfig"/> and its SHA-256. One <c>key=value</c> line per field in a
/// fixed order, numbers culture-invariant and round-trippable ("R"), times in 100 ns ticks, so the same limits give
/// the same hash on every machine and in every process. Changing this text changes every recorded hash: add new fields
/// at the end, and a test fails when a field is left out.
/// </summary>
internal static class SafetyConfigText
{
    public static string Hash(SafetyConfig config) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(config))));

    public static string Canonical(SafetyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder("robotics.safety_config/1\n");
        Line(text, "version", config.Version.ToString(CultureInfo.InvariantCulture));
        Line(text, "period", config.Period);
        Line(text, "command_timeout", config.CommandTimeout);
        Line(text, "remote_command_timeout", config.RemoteCommandTimeout);
        Line(text, "max_observation_age", config.MaxObservationAge);
        Line(text, "deadline_misses_to_hold", config.DeadlineMissesToHold.ToString(CultureInfo.InvariantCulture));
        Line(text, "max_late_ticks_per_second", config.MaxLateTicksPerSecond.ToString(CultureInfo.InvariantCulture));
        Line(text, "failed_reads_to_hold", config.FailedReadsToHold.ToString(CultureInfo.InvariantCulture));
        Line(text, "max_clock_skew", config.MaxClockSkew);
        Line(text, "sensor_stale_after", config.SensorStaleAfter);
        Line(text, "sensor_lost_after", config.SensorLostAfter);
        Line(text, "position_fault_tolerance", Num(config.PositionFaultTolerance));
        Line(text, "hold_drift_tolerance", Num(config.HoldDriftTolerance));
        Line(text, "residual_saturation_ticks", config.ResidualSaturationTicks.ToString(CultureInfo.InvariantCulture));
        Line(text, "intervention_hold_off", config.InterventionHoldOff);
        Line(text, "emergency_stop", config.EmergencyStop.ToString());
        Line(text, "saturation_to_hold", config.SaturationToHold);
        Line(text, "stop_time_margin", config.StopTimeMargin);
        Line(text, "stop_tracking_tolerance", Num(config.StopTrackingTolerance));
        var joints = config.Joints ?? [];
        Line(text, "joints", joints.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var j in joints)
        {
            if (j is null)
            {
                Line(text, "joint", "null");
                continue;
            }

            Line(text, "joint", Escape(j.Name));
            Line(text, "  limits", string.Join(' ', Num(j.HardMin), Num(j.HardMax), Num(j.SoftMin), Num(j.SoftMax), Num(j.MaxVelocity), Num(j.MaxAcceleration), Num(j.MaxDeceleration), Num(j.MaxJerk), Num(j.MaxStep), Num(j.MaxResidual), Num(j.MaxEffort)));
        }

        Workspace(text, config.Workspace);
        // Caps in source order, so listing them in another order is the same configuration.
        foreach (var cap in (config.ToolStepCaps ?? []).OrderBy(c => c?.Source))
        {
            Line(text, "tool_step_cap", cap is null ? "null" : $"{cap.Source} {Num(cap.MaxStepM)} {cap.Mode}");
        }

        return text.ToString();
    }

    private static void Workspace(StringBuilder text, Workspace? workspace)
    {
        if (workspace is null)
        {
            Line(text, "workspace", "none");
            return;
        }

        Line(text, "workspace", $"{Vec(workspace.Min)} {Vec(workspace.Max)}");
        Line(text, "  tool_offset", Vec(workspace.Chain?.ToolOffset ?? default));
        foreach (var j in workspace.Chain?.Joints ?? [])
        {
            Line(text, "  chain_joint", j is null ? "null" : $"{Vec(j.OriginXyz)} {Vec(j.OriginRpy)} {Vec(j.Axis)}");
        }
    }

    private static void Line(StringBuilder text, string key, TimeSpan value) => Line(text, key, value.Ticks.ToString(CultureInfo.InvariantCulture));

    private static void Line(StringBuilder text, string key, string value) => text.Append(key).Append('=').Append(value).Append('\n');

    private static string Vec(Vector3d v) => $"{Num(v.X)},{Num(v.Y)},{Num(v.Z)}";

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A joint name is free text: quote it so no name can imitate another line.
    private static string Escape(string? name) => name is null ? "null" : "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
