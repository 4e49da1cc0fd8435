namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>The do-nothing baseline: holds the joints where the episode started. No task counts that as success.</summary>
public sealed class HoldPolicy(SimTask task) : ITaskPolicy
{
    private readonly double[] _start = new double[task.JointCount];

    public void Reset(int seed) => task.ReadJointPositions(_start);

    public void Act(Span<double> jointTargets) => _start.CopyTo(jointTargets);
}
