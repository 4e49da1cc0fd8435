using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Emulator;

/// <summary>
/// The control loop's bus cycle (sync read positions, sync write goals) allocates nothing on the calling thread once
/// warm (CONVENTIONS 15); the emulator's own thread is not counted.
/// </summary>
public class SteadyStateAllocationTests
{
    private static readonly ServoBusOptions Options = new() { HostLatency = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public void DynamixelCycle_AllocatesNothing()
    {
        using var rig = new BusTestRig(EmulatedProtocol.Dynamixel2, [.. Ids().Select(id => EmulatedServo.Dynamixel(id, DynamixelModel.XL330M288))]);

        Assert.Equal(0, AllocatedPerCycles(new DynamixelBus(rig.Channel, Options)));
    }

    [Fact]
    public void FeetechCycle_AllocatesNothing()
    {
        using var rig = new BusTestRig(EmulatedProtocol.FeetechSts, [.. Ids().Select(id => EmulatedServo.Sts3215(id))]);

        Assert.Equal(0, AllocatedPerCycles(new FeetechBus(rig.Channel, Options)));
    }

    private static byte[] Ids() => [1, 2, 3, 4, 5, 6];

    private static long AllocatedPerCycles(IServoBus bus)
    {
        var ids = Ids();
        var ticks = new int[ids.Length];
        var goals = new int[ids.Length];
        var replies = new ServoReply[ids.Length];
        for (var i = 0; i < 50; i++)
        {
            Assert.True(Cycle(bus, ids, ticks, goals, replies));
        }

        // Assert allocates (its comparers), so failures are only counted inside the measured loop. One-time runtime
        // work can still land in a window (tier-1 recompilation, the first contended Monitor.Wait creating its
        // waiter: 88 B seen once in CI), so the steady state is the best of three 200-cycle windows.
        var failures = 0;
        var best = long.MaxValue;
        for (var window = 0; window < 3 && best > 0; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 200; i++)
            {
                failures += Cycle(bus, ids, ticks, goals, replies) ? 0 : 1;
            }

            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, failures);
        return best;
    }

    // The sync read after each sync write also keeps the channel's queue from growing (the emulator drains it).
    private static bool Cycle(IServoBus bus, byte[] ids, int[] ticks, int[] goals, ServoReply[] replies)
    {
        var ok = bus.SyncReadPresentPositions(ids, ticks, replies) == ids.Length;
        for (var i = 0; i < goals.Length; i++)
        {
            goals[i] = ticks[i];
        }

        bus.SyncWriteGoalPositions(ids, goals);
        return ok;
    }
}
