namespace Robotics.Middleware.Logging;

/// <summary>Where log records go besides /rosout (console, a test collector).</summary>
public interface ILogSink
{
    void Write(in LogRecord record);
}
