using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using Int32Message = Robotics.Messages.StdMsgs.Int32;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// Keep-all over DDS: when the subscription's queue (<see cref="QosProfile.KeepAllLimit"/>) is full, the transport stops
/// taking and the samples wait in Cyclone's reader, so a reliable keep-all topic loses nothing. Before this, the reader
/// took eagerly and the full queue dropped the overflow (found by the DDS benchmark: 18,927 of 303,746 lost).
/// </summary>
public sealed class KeepAllBackPressureTests : IDisposable
{
    private readonly RosTestEnvironment _env = new(new DdsTransport(LoopbackDds.Options()));

    [Fact]
    public void ReliableKeepAll_MoreThanTheQueueHoldsWhileNotSpinning_DeliversEverySampleInOrder()
    {
        var topic = $"/keep_all_{Environment.ProcessId}";
        var qos = new QosProfile(1) { History = History.KeepAll };
        var received = new List<int>();
        var node = _env.CreateNode("keep_all");
        var subscription = node.CreateSubscription<Int32Message>(topic, m => received.Add(m.Data), qos);
        var publisher = node.CreatePublisher<Int32Message>(topic, qos);
        Eventually.True(() => publisher.SubscriptionCount == 1, "the subscription matched");
        const int Count = QosProfile.KeepAllLimit + 5_000;

        for (var i = 0; i < Count; i++)
        {
            publisher.Publish(new Int32Message { Data = i });
        }

        _env.SpinUntil(() => received.Count == Count, $"all {Count} samples arrived");
        Assert.Equal(0, subscription.DroppedCount);
        Assert.Equal(Enumerable.Range(0, Count), received);
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }
}
