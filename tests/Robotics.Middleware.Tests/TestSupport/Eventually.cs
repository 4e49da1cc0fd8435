namespace Robotics.Middleware.Tests.TestSupport;

/// <summary>
/// Waits for a condition with a timeout instead of sleeping a fixed time: returns as soon as the condition holds,
/// so tests stay fast on the in-process bus and still pass on a transport that delivers asynchronously.
/// </summary>
public static class Eventually
{
    /// <summary>Generous, because a loaded 2-core CI machine can stall a thread for a long time; passing tests never wait it out.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static void True(Func<bool> condition, string because)
    {
        Assert.True(SpinWait.SpinUntil(condition, Timeout), $"timed out after {Timeout.TotalSeconds} s waiting until {because}");
    }
}
