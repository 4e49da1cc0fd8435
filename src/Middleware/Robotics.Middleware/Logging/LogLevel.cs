namespace Robotics.Middleware.Logging;

/// <summary>Severity levels with rcl_interfaces/Log's values (10..50), so they go on /rosout unchanged.</summary>
public enum LogLevel : byte
{
    Debug = 10,
    Info = 20,
    Warn = 30,
    Error = 40,
    Fatal = 50,
}
