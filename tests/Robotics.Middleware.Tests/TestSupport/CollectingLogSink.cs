using System.Collections.Concurrent;
using Robotics.Middleware.Logging;

namespace Robotics.Middleware.Tests.TestSupport;

/// <summary>Keeps every log record so a test can assert on them, and so a test fails on an unexpected error.</summary>
public sealed class CollectingLogSink : ILogSink
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => [.. _records];

    /// <summary>Records at Error or Fatal: what a healthy run must not produce.</summary>
    public IReadOnlyList<LogRecord> Errors => [.. _records.Where(r => r.Level >= LogLevel.Error)];

    public void Write(in LogRecord record) => _records.Enqueue(record);
}
