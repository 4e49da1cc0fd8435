using Robotics.Middleware.Dds.Interop;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>Cyclone's one process-wide batching switch is on exactly while some transport that asked for it is alive.</summary>
public sealed class WriteBatchingTests
{
    [Fact]
    public void BatchedTransports_HoldTheProcessWideSwitchOnlyWhileAlive()
    {
        Assert.False(WriteBatching.IsOn);
        var first = new DdsTransport(LoopbackDds.Options() with { BatchWrites = true });
        var second = new DdsTransport(LoopbackDds.Options() with { BatchWrites = true });
        using (new DdsTransport(LoopbackDds.Options()))
        {
            Assert.True(WriteBatching.IsOn);
        }

        first.Dispose();
        first.Dispose(); // a second dispose does not release twice
        Assert.True(WriteBatching.IsOn);
        second.Dispose();
        Assert.False(WriteBatching.IsOn);
    }
}
