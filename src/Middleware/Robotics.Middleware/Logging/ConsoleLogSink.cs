using System.Globalization;

namespace Robotics.Middleware.Logging;

/// <summary>Prints records as ROS 2 does: <c>[INFO] [1700000000.123456789] [talker]: text</c>, to stderr.</summary>
public sealed class ConsoleLogSink : ILogSink
{
    private readonly Lock _lock = new();

    public static ConsoleLogSink Instance { get; } = new();

    public void Write(in LogRecord record)
    {
        var seconds = (record.Time - DateTimeOffset.UnixEpoch).TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture, $"[{Name(record.Level)}] [{seconds:F9}] [{record.Logger}]: {record.Message}");
        lock (_lock)
        {
            Console.Error.WriteLine(line);
        }
    }

    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    /// <summary>Parses <c>debug|info|warn|error|fatal</c> (any case), as <c>--log-level</c> takes them.</summary>
    public static LogLevel Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Info,
        "WARN" or "WARNING" => LogLevel.Warn,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Fatal,
        _ => throw new FormatException($"log level '{text}' is not one of debug, info, warn, error, fatal"),
    };
}
