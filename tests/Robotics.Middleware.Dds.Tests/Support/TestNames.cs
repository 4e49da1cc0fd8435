using System.Globalization;

namespace Robotics.Middleware.Dds.Tests.Support;

/// <summary>
/// Names unique to one test in this process: a DDS domain is shared by every test class running in parallel (and the
/// discovery tag by every test in the process), so topics, services and nodes must never collide.
/// </summary>
internal static class TestNames
{
    private static int _next;

    public static string Node(string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}_{Environment.ProcessId}_{Interlocked.Increment(ref _next)}");

    public static string Topic(string name) => "/" + Node(name);
}
