using Robotics.Policies.Chunking;

namespace Robotics.Policies.Tests.Chunking;

public class ActionQueueTests
{
    [Fact]
    public void TryTake_TickBeforeTheQueueHead_GivesNothing_NotTheHeadAction()
    {
        // The scheduler never asks for such a tick; the queue still must not hand out the action meant for tick 5.
        var queue = new ActionQueue(actionSize: 1, capacity: 4);
        queue.Merge(observationTick: 4, [40f, 50f, 60f, 70f], count: 4, firstTick: 5, oldWeight: 0.3f, newWeight: 0.7f, blend: false);

        Assert.False(queue.TryTake(3, new float[1], out _));
        var action = new float[1];
        Assert.True(queue.TryTake(5, action, out _));
        Assert.Equal(50f, action[0]);
    }
}
