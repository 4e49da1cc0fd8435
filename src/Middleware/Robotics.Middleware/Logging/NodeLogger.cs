using Robotics.Messages.RclInterfaces;

namespace Robotics.Middleware.Logging;

/// <summary>
/// A node's logger: records at or above <see cref="Level"/> go to the sink and, as rcl_interfaces/Log, to
/// <c>/rosout</c> so remote tools see them.
/// </summary>
public sealed class NodeLogger
{
    private readonly ILogSink _sink;
    private readonly TimeProvider _time;
    private Action<Log>? _rosout;

    internal NodeLogger(string name, LogLevel level, ILogSink sink, TimeProvider time)
    {
        Name = name;
        Level = level;
        _sink = sink;
        _time = time;
    }

    /// <summary>The logger name: the node's fully qualified name without the leading '/', dots for slashes (rcl).</summary>
    public string Name { get; }

    public LogLevel Level { get; set; }

    internal void AttachRosout(Action<Log>? publish) => _rosout = publish;

    public bool IsEnabled(LogLevel level) => level >= Level;

    public void Debug(string message) => Write(LogLevel.Debug, message);

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Warn(string message) => Write(LogLevel.Warn, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    public void Fatal(string message) => Write(LogLevel.Fatal, message);

    public void Write(LogLevel level, string message)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var now = _time.GetUtcNow();
        _sink.Write(new LogRecord(now, level, Name, message));
        _rosout?.Invoke(new Log { Stamp = Time.RosTime.ToMessage(now), Level = (byte)level, Name = Name, Msg = message });
    }
}
