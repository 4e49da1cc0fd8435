namespace Robotics.Policies.Chunking;

/// <summary>How a <see cref="ChunkScheduler"/> turns action chunks into one action per control tick (LEARNING.md §1).</summary>
public enum ChunkMode
{
    /// <summary>
    /// Execute the first <see cref="ChunkSchedulerOptions.ExecuteSteps"/> actions of a chunk open-loop, then query
    /// again once none is left (LeRobot <c>n_action_steps</c>; the robot waits while the policy runs).
    /// </summary>
    Sync,

    /// <summary>
    /// ACT temporal ensembling (Zhao et al. 2023, Algorithm 2): query every tick and execute the exp(−m·i)-weighted
    /// average of every stored chunk's action for the tick, i = 0 the oldest.
    /// </summary>
    Ensemble,

    /// <summary>
    /// LeRobot async inference (SmolVLA, Shukor et al. 2025): ask for the next chunk while the queue still holds
    /// g·H actions and merge it into the queue on arrival, so the robot never waits for the policy.
    /// </summary>
    Async,
}
