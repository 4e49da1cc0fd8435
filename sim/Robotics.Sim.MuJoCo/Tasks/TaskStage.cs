namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>Milestones of a task, the labels a reward model learns from. Each task reaches a subset, in its own order.</summary>
public enum TaskStage
{
    /// <summary>Nothing reached yet.</summary>
    None,

    /// <summary>The tool first touched the object (peg on block, a pad on the cube).</summary>
    Contact,

    /// <summary>The object is held between both pads.</summary>
    Grasp,

    /// <summary>A grasped object left the table (1 cm).</summary>
    Lift,

    /// <summary>The peg is seated in the slot.</summary>
    Insert,

    /// <summary>The tool is at the target.</summary>
    Reach,
}
