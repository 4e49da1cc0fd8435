using Robotics.Middleware.Tests.TestSupport;
using Robotics.Middleware.Time;

namespace Robotics.Middleware.Tests.Execution;

/// <summary>Timers on fake time (ManualTimeProvider as ContextOptions.TimeProvider): no test here waits for real time.</summary>
public sealed class TimerTests : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly ManualTimeProvider _time = new();
    private readonly RosTestEnvironment _env;
    private readonly Node _node;

    public TimerTests()
    {
        _env = new RosTestEnvironment(time: _time);
        _node = _env.CreateNode("ticker");
    }

    [Fact]
    public void Timer_TimeAdvancesOnePeriodAtATime_FiresOncePerPeriod()
    {
        var timer = _node.CreateTimer(Period, () => { });

        _time.Advance(Period / 2);
        _env.Executor.SpinOnce(TimeSpan.Zero);
        Assert.Equal(0, timer.CallCount);

        for (var i = 1; i <= 5; i++)
        {
            _time.Advance(i == 1 ? Period / 2 : Period);
            _env.Executor.SpinOnce(TimeSpan.Zero);
            _env.Executor.SpinOnce(TimeSpan.Zero);
            Assert.Equal(i, timer.CallCount);
        }
    }

    [Fact]
    public void Timer_SeveralPeriodsPassWithoutSpinning_MissedTicksCoalesceIntoOneCall()
    {
        var calls = 0;
        var timer = _node.CreateTimer(Period, () => calls++);

        _time.Advance(Period * 10);
        _env.Executor.SpinOnce(TimeSpan.Zero);
        _env.Executor.SpinOnce(TimeSpan.Zero);

        Assert.Equal(1, calls);
        Assert.Equal(1, timer.CallCount);
    }

    [Fact]
    public void Timer_Cancel_StopsItAndReset_RestartsAFullPeriodFromNow()
    {
        var timer = _node.CreateTimer(Period, () => { });
        _time.Advance(Period);
        _env.Executor.SpinOnce(TimeSpan.Zero);
        Assert.Equal(1, timer.CallCount);

        timer.Cancel();
        _time.Advance(Period * 5);
        _env.Executor.SpinOnce(TimeSpan.Zero);
        Assert.Equal(1, timer.CallCount);

        timer.Reset();
        _time.Advance(Period - TimeSpan.FromMilliseconds(1));
        _env.Executor.SpinOnce(TimeSpan.Zero);
        Assert.Equal(1, timer.CallCount);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _env.Executor.SpinOnce(TimeSpan.Zero);
        Assert.Equal(2, timer.CallCount);
    }

    /// <summary>rclcpp: a cancelled timer is never executed, even when its tick was already due (rcl_timer_call fails when canceled).</summary>
    [Fact]
    public void Timer_CancelledWhileATickIsPending_DoesNotFire()
    {
        var timer = _node.CreateTimer(Period, () => { });
        _time.Advance(Period);

        timer.Cancel();
        _env.Executor.SpinOnce(TimeSpan.Zero);

        Assert.Equal(0, timer.CallCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void CreateTimer_NonPositivePeriod_ThrowsArgumentOutOfRange(int milliseconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _node.CreateTimer(TimeSpan.FromMilliseconds(milliseconds), () => { }));
    }

    [Fact]
    public void Timer_CreatedAfterTheNodeJoinedTheExecutor_IsRunByIt()
    {
        var late = _env.CreateNode("late_ticker");
        _env.Executor.SpinOnce(TimeSpan.Zero);

        var timer = late.CreateTimer(Period, () => { });
        _time.Advance(Period);
        _env.Executor.SpinOnce(TimeSpan.Zero);

        Assert.Equal(1, timer.CallCount);
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }
}
