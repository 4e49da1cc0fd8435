namespace Robotics.Launch;

/// <summary>
/// <c>--log-level [logger:=]level</c>: the default level when no logger is named, else that logger's level. rcutils
/// accepts the severities below in any case; they are kept lower-case here.
/// </summary>
public sealed record LogLevelSetting
{
    private static readonly string[] s_levels = ["debug", "info", "warn", "error", "fatal", "unset"];

    public LogLevelSetting(string? loggerName, string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var normalized = level.ToLowerInvariant();
        if (!s_levels.Contains(normalized))
        {
            throw new LaunchException(
                $"invalid log level '{level}' (expected {string.Join(", ", s_levels[..5])})");
        }

        if (loggerName is { Length: 0 })
        {
            throw new LaunchException($"invalid log level rule ':={level}': the logger name is empty");
        }

        LoggerName = loggerName;
        Level = normalized;
    }

    /// <summary>The logger, or null for the default level of every logger.</summary>
    public string? LoggerName { get; }

    public string Level { get; }

    public static LogLevelSetting Parse(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var separator = rule.IndexOf(":=", StringComparison.Ordinal);
        return separator < 0
            ? new LogLevelSetting(null, rule)
            : new LogLevelSetting(rule[..separator], rule[(separator + 2)..]);
    }

    public override string ToString() => LoggerName is null ? Level : LoggerName + ":=" + Level;
}
