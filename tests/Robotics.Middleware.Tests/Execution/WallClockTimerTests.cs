using System.Diagnostics;
using Robotics.Middleware.Tests.TestSupport;

namespace Robotics.Middleware.Tests.Execution;

[CollectionDefinition(nameof(StarvesThreadPool), DisableParallelization = true)]
public sealed class StarvesThreadPool;

/// <summary>
/// Wall-clock timers tick on their own thread, so a thread pool full of blocking work (a busy test host, a node
/// doing synchronous I/O) does not slow a control loop. Alone in its collection: it starves the pool on purpose.
/// </summary>
[Collection(nameof(StarvesThreadPool))]
public sealed class WallClockTimerTests : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);
    private readonly RosTestEnvironment _env = new();

    [Fact]
    public void Timer_ThreadPoolStarved_StillTicksAtItsRate()
    {
        var node = _env.CreateNode("ticker");
        var released = new System.Runtime.CompilerServices.StrongBox<bool>();
        // Every pool thread blocked, plus a backlog the pool's injection (about one thread per 0.5 s) cannot drain
        // within the window: a timer whose callbacks need a pool thread would see almost none.
        for (var i = 0; i < Environment.ProcessorCount * 8 + 32; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => BlockUntil(released), null);
        }

        try
        {
            var timer = node.CreateTimer(Period, () => { });
            var window = Stopwatch.StartNew();
            _env.Executor.SpinUntil(() => window.Elapsed >= TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

            // 40 periods in 2 s; 25 leaves room for this VM's occasional 0.3–0.6 s whole-process stalls.
            Assert.InRange(timer.CallCount, 25, 41);
        }
        finally
        {
            Volatile.Write(ref released.Value, true);
        }
    }

    [Fact]
    public void Timer_CancelThenReset_StopsAndStartsAgain()
    {
        var node = _env.CreateNode("ticker");
        var timer = node.CreateTimer(Period, () => { });
        _env.SpinUntil(() => timer.CallCount >= 2, "the timer ticks");

        timer.Cancel();
        var stopped = timer.CallCount;
        _env.Executor.SpinUntil(() => false, Period * 4);
        Assert.Equal(stopped, timer.CallCount);

        timer.Reset();
        _env.SpinUntil(() => timer.CallCount >= stopped + 2, "the reset timer ticks again");
    }

    [Fact]
    public void Timer_Disposed_NeverTicksAgain()
    {
        var node = _env.CreateNode("ticker");
        var ticks = 0;
        var timer = node.CreateTimer(Period, () => ticks++);
        _env.SpinUntil(() => ticks >= 1, "the timer ticks");

        timer.Dispose();
        _env.Executor.SpinOnce(TimeSpan.Zero); // a tick already due may still run once
        var after = ticks;
        _env.Executor.SpinUntil(() => false, Period * 4);
        Assert.Equal(after, ticks);
    }

    private static void BlockUntil(System.Runtime.CompilerServices.StrongBox<bool> released)
    {
        for (var waited = 0; waited < 10_000 && !Volatile.Read(ref released.Value); waited += 10)
        {
            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }
}
