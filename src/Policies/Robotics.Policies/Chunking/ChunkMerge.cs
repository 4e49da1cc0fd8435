namespace Robotics.Policies.Chunking;

/// <summary>
/// How <see cref="ChunkMode.Async"/> merges an arriving chunk with queued actions meant for the same ticks
/// (LeRobot <c>aggregate_fn_name</c>).
/// </summary>
public enum ChunkMerge
{
    /// <summary>
    /// old·<see cref="ChunkSchedulerOptions.BlendOldWeight"/> + new·<see cref="ChunkSchedulerOptions.BlendNewWeight"/>
    /// (LeRobot <c>weighted_average</c>: 0.3·old + 0.7·new).
    /// </summary>
    Blend,

    /// <summary>The new chunk replaces queued actions (LeRobot <c>latest_only</c>).</summary>
    LatestOnly,
}
