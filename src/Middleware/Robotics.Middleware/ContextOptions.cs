using Robotics.Middleware.Logging;
using Robotics.Middleware.Names;
using Robotics.Middleware.Transport;

namespace Robotics.Middleware;

/// <summary>What every node of a process shares: the transport, time, log output and process-wide ROS arguments.</summary>
public sealed record ContextOptions
{
    /// <summary>Defaults to a new in-process bus.</summary>
    public ITransport? Transport { get; init; }

    /// <summary>System time by default; tests inject a <see cref="Time.ManualTimeProvider"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    public ILogSink? LogSink { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Remappings for every node (command-line <c>-r from:=to</c> without a node prefix).</summary>
    public IReadOnlyList<RemapRule> Remappings { get; init; } = [];
}
