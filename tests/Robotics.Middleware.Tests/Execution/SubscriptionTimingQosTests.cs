using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Middleware.Time;
using Robotics.Middleware.Topics;
using Int32Message = Robotics.Messages.StdMsgs.Int32;

namespace Robotics.Middleware.Tests.Execution;

/// <summary>Deadline and lifespan QoS on fake time.</summary>
public sealed class SubscriptionTimingQosTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);
    private readonly ManualTimeProvider _time = new();
    private readonly RosTestEnvironment _env;
    private readonly Node _node;

    public SubscriptionTimingQosTests()
    {
        _env = new RosTestEnvironment(time: _time);
        _node = _env.CreateNode("watcher");
    }

    [Fact]
    public void Deadline_NoSamplesWhileTimeAdvances_ReportsOneMissPerPeriod()
    {
        var subscription = _node.CreateSubscription<Int32Message>("/heartbeat", _ => { }, QosProfile.Default with { Deadline = Deadline });
        var reported = 0;
        subscription.DeadlineMissed += s => Interlocked.Increment(ref reported);

        _time.Advance(TimeSpan.FromSeconds(3.5));

        Assert.Equal(3, subscription.DeadlineMissedCount);
        Assert.Equal(3, reported);
    }

    [Fact]
    public void Deadline_SamplesArriveInTime_ReportsNoMissUntilTheyStop()
    {
        var qos = QosProfile.Default with { Deadline = Deadline };
        var subscription = _node.CreateSubscription<Int32Message>("/heartbeat", _ => { }, qos);
        var publisher = _node.CreatePublisher<Int32Message>("/heartbeat", qos);
        Assert.Equal(1, publisher.SubscriptionCount);

        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(0.5));
            publisher.Publish(new Int32Message { Data = i });
        }

        Assert.Equal(0, subscription.DeadlineMissedCount);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(subscription.DeadlineMissedCount >= 1, "silence longer than the deadline must be reported");
    }

    [Fact]
    public void Lifespan_SampleOlderThanItsLifespan_IsDroppedNotDelivered()
    {
        var received = new List<int>();
        var qos = QosProfile.Default with { Lifespan = TimeSpan.FromSeconds(1) };
        Subscription<Int32Message> subscription = _node.CreateSubscription<Int32Message>("/perishable", m => received.Add(m.Data), qos);
        var publisher = _node.CreatePublisher<Int32Message>("/perishable", qos);

        publisher.Publish(new Int32Message { Data = 1 });
        _time.Advance(TimeSpan.FromSeconds(2));
        publisher.Publish(new Int32Message { Data = 2 });
        _env.SpinUntil(() => received.Count == 1, "the fresh sample arrived");

        Assert.Equal([2], received);
        Assert.Equal(1, subscription.DroppedCount);
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }
}
