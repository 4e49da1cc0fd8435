namespace Robotics.Middleware.Logging;

/// <summary>One log line: when, how severe, which logger (node name), what.</summary>
public readonly record struct LogRecord(DateTimeOffset Time, LogLevel Level, string Logger, string Message);
