namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>Something that commands a task's joints: a scripted expert, a learned policy, a do-nothing baseline.</summary>
public interface ITaskPolicy
{
    /// <summary>Called after the task's reset with the same episode seed.</summary>
    void Reset(int seed);

    /// <summary>Joint position targets for the next control period, in the task's joint order.</summary>
    void Act(Span<double> jointTargets);
}
