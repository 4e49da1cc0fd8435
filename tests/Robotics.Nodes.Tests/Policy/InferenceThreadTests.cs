using System.Collections.Concurrent;
using Robotics.Nodes.Policy;

namespace Robotics.Nodes.Tests.Policy;

/// <summary>The async policy's model thread: one run at a time, off the caller's thread, a fault reported and survived.</summary>
public sealed class InferenceThreadTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Start_RunsTheWorkOnItsOwnThread_AndIsBusyUntilItReturns()
    {
        var faults = new ConcurrentQueue<Exception>();
        using var thread = new InferenceThread("test inference", faults.Enqueue);
        using var release = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var ranOn = -1;

        thread.Start(() =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            started.Set();
            release.Wait(_timeout);
        });

        Assert.True(started.Wait(_timeout));
        Assert.True(thread.Busy);
        Assert.NotEqual(Environment.CurrentManagedThreadId, ranOn);
        Assert.Throws<InvalidOperationException>(() => thread.Start(() => { }));
        release.Set();
        Assert.True(SpinWait.SpinUntil(() => !thread.Busy, _timeout));
        Assert.Empty(faults);
    }

    [Fact]
    public void AFaultingRun_IsReported_AndTheNextRunStillRuns()
    {
        var faults = new ConcurrentQueue<Exception>();
        using var thread = new InferenceThread("test inference", faults.Enqueue);
        thread.Start(() => throw new InvalidDataException("diverged"));
        Assert.True(SpinWait.SpinUntil(() => !thread.Busy, _timeout));

        using var ran = new ManualResetEventSlim();
        thread.Start(ran.Set);

        Assert.True(ran.Wait(_timeout));
        Assert.IsType<InvalidDataException>(Assert.Single(faults));
    }

    [Fact]
    public void AfterDispose_NothingMoreIsStarted()
    {
        var thread = new InferenceThread("test inference", _ => { });
        using var ran = new ManualResetEventSlim();
        thread.Start(ran.Set);
        Assert.True(ran.Wait(_timeout));

        thread.Dispose();

        Assert.Throws<ObjectDisposedException>(() => thread.Start(() => { }));
    }
}
