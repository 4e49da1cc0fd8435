using System.Collections.Concurrent;
using Robotics.Sim.MuJoCo.Robot;

namespace Robotics.Sim.MuJoCo.Runtime;

/// <summary>
/// One simulated world in this process: the live state the control loop steps through the
/// <see cref="SimulatedServoArm"/>, and the task whose model it runs (the world owns and disposes it). The supervisor's hardware factory creates it; the episode node finds
/// it by name (the simulator lives in the control process, like a driver: ARCHITECTURE.md).
/// </summary>
public sealed class SimWorld : IDisposable
{
    private static readonly ConcurrentDictionary<string, SimWorld> _worlds = new(StringComparer.Ordinal);

    public SimWorld(string name, IEpisodeTask task, TimeProvider time, StepMode mode, ServoModel? servo, int seed)
    {
        ArgumentNullException.ThrowIfNull(task);
        (Name, Task) = (name, task);
        Live = task.Model.CreateData();
        if (task.Model.TryId(MjObjectType.Key, "home") is var home and >= 0)
        {
            Live.Reset(home);
        }

        Arm = new SimulatedServoArm(Live, task.JointNames, time, mode, servo, seed);
        Arm.Disposed += Dispose;
        if (!_worlds.TryAdd(name, this))
        {
            Arm.Dispose();
            Live.Dispose();
            throw new InvalidOperationException($"a simulated world named '{name}' exists already in this process; give each supervisor its own sim_world parameter");
        }
    }

    public string Name { get; }

    public IEpisodeTask Task { get; }

    public MjModel Model => Task.Model;

    public MjData Live { get; }

    public SimulatedServoArm Arm { get; }

    /// <summary>The world named <paramref name="name"/>, waiting up to <paramref name="timeout"/> for its supervisor to create it.</summary>
    public static SimWorld Find(string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_worlds.TryGetValue(name, out var world))
            {
                return world;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"no simulated world '{name}' in this process: run the supervisor with hardware:=mujoco (and the same sim_world) in the same process (a composed launch, not --processes)");
            }

            Thread.Sleep(20);
        }
    }

    public void Dispose()
    {
        if (!_worlds.TryRemove(new KeyValuePair<string, SimWorld>(Name, this)))
        {
            return;
        }

        Arm.Disposed -= Dispose;
        Arm.Dispose();
        Live.Dispose();
        Task.Dispose();
    }
}
