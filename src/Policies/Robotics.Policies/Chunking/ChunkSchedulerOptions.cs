using System.Globalization;

namespace Robotics.Policies.Chunking;

/// <summary>
/// How a <see cref="ChunkScheduler"/> runs (LEARNING.md §1). Immutable; <see cref="Validate"/> names every bad field
/// and the scheduler refuses to start with any (nothing is clamped to fit).
/// </summary>
/// <param name="ActionSize">A: floats per action.</param>
/// <param name="ChunkLength">H: actions per chunk; action i is meant for tick t0 + i.</param>
/// <param name="Mode">How chunks become one action per tick.</param>
public sealed record ChunkSchedulerOptions(int ActionSize, int ChunkLength, ChunkMode Mode)
{
    /// <summary>
    /// Sync only: actions executed per chunk before the next query (LeRobot <c>n_action_steps</c>); null: all H.
    /// ACT's own sync default is the whole chunk; fewer steps react sooner at the cost of more queries.
    /// </summary>
    public int? ExecuteSteps { get; init; }

    /// <summary>
    /// Ensemble only: m in wᵢ = exp(−m·i), i = 0 the oldest chunk. 0.01 is the original ACT value
    /// (imitate_episodes.py <c>k = 0.01</c>): it weights older predictions slightly more, which LeRobot PR #319 found
    /// keeps the smoothing benefit; 0 is a plain mean, negative favours newer chunks.
    /// </summary>
    public double EnsembleDecay { get; init; } = 0.01;

    /// <summary>
    /// Async only: g; a new chunk is requested when the actions left from the current tick on fall to ≤ g·H
    /// (LeRobot <c>chunk_size_threshold</c>, default 0.5: half the chunk is still left to cover the inference latency).
    /// </summary>
    public double AsyncThreshold { get; init; } = 0.5;

    /// <summary>Async only: how overlapping ticks are merged when a chunk arrives (LeRobot default <c>weighted_average</c>).</summary>
    public ChunkMerge AsyncMerge { get; init; } = ChunkMerge.Blend;

    /// <summary>Blend: weight of the queued (older) action; 0.3 as LeRobot <c>weighted_average</c>.</summary>
    public double BlendOldWeight { get; init; } = 0.3;

    /// <summary>Blend: weight of the arriving (newer) action; 0.7 as LeRobot. The two must sum to 1 (else the blend scales actions).</summary>
    public double BlendNewWeight { get; init; } = 0.7;

    /// <summary>f: the policy node's tick rate. Only <see cref="AsyncLatencyBudget"/> uses it; 20 Hz is the benchmarks' rate (LEARNING.md §5).</summary>
    public double ControlRateHz { get; init; } = 20;

    /// <summary>Sync: actions executed per chunk (<see cref="ExecuteSteps"/>, or H when unset).</summary>
    public int EffectiveExecuteSteps => ExecuteSteps ?? ChunkLength;

    /// <summary>
    /// Async: depth at or below which a chunk is requested, ⌊g·H⌋ (LeRobot compares qsize/H ≤ g; the 1e-9 keeps
    /// 0.3·10 = 3.0000000000000004 from becoming 3 by luck rather than by rule).
    /// </summary>
    public int AsyncTriggerDepth => (int)Math.Floor((AsyncThreshold * ChunkLength) + 1e-9);

    /// <summary>
    /// Async: inference latency L (observation to chunk in hand) the schedule absorbs; the node warns above it.
    /// LEARNING.md gives L &lt; (1 − g)·H/f: beyond it a chunk arrives with ≤ g·H actions left and the next request
    /// goes out at once (back-to-back inference). The request goes out with ⌊g·H⌋ actions left, so L must also stay
    /// below ⌊g·H⌋/f or the queue runs dry before the chunk arrives; the two agree at g = 0.5. Budget =
    /// min(d, H − d)/f with d = <see cref="AsyncTriggerDepth"/>.
    /// </summary>
    public TimeSpan AsyncLatencyBudget =>
        TimeSpan.FromSeconds(Math.Min(AsyncTriggerDepth, ChunkLength - AsyncTriggerDepth) / ControlRateHz);

    /// <summary>Every problem with these options, each naming its field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ActionSize < 1)
        {
            errors.Add($"ActionSize must be at least 1 (is {ActionSize})");
        }

        if (ChunkLength < 1)
        {
            errors.Add($"ChunkLength must be at least 1 (is {ChunkLength})");
        }

        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"Mode {(int)Mode} is not a ChunkMode");
        }

        if (ExecuteSteps is { } steps && (steps < 1 || steps > ChunkLength))
        {
            errors.Add($"ExecuteSteps must be in [1, ChunkLength = {ChunkLength}] (is {steps})");
        }

        // The ensemble keeps up to H chunks of H×A floats; wᵢ for i < H must stay finite and non-zero in double.
        if (Mode == ChunkMode.Ensemble && (long)ChunkLength * ChunkLength * ActionSize > Array.MaxLength)
        {
            errors.Add($"ChunkLength² × ActionSize = {(long)ChunkLength * ChunkLength * ActionSize} floats does not fit the ensemble's buffer");
        }

        if (!double.IsFinite(EnsembleDecay) || Math.Abs(EnsembleDecay) * Math.Max(ChunkLength - 1, 0) > 700)
        {
            errors.Add($"EnsembleDecay must be finite with |m|·(ChunkLength − 1) ≤ 700 so exp(−m·i) stays finite (is {Num(EnsembleDecay)})");
        }

        if (!(AsyncThreshold >= 0 && AsyncThreshold <= 1))
        {
            errors.Add($"AsyncThreshold must be in [0, 1] (is {Num(AsyncThreshold)})");
        }

        if (!Enum.IsDefined(AsyncMerge))
        {
            errors.Add($"AsyncMerge {(int)AsyncMerge} is not a ChunkMerge");
        }

        if (!(BlendOldWeight >= 0 && BlendNewWeight >= 0 && Math.Abs(BlendOldWeight + BlendNewWeight - 1) <= 1e-6))
        {
            errors.Add($"BlendOldWeight ({Num(BlendOldWeight)}) and BlendNewWeight ({Num(BlendNewWeight)}) must be ≥ 0 and sum to 1");
        }

        if (!(double.IsFinite(ControlRateHz) && ControlRateHz > 0))
        {
            errors.Add($"ControlRateHz must be a finite number above 0 (is {Num(ControlRateHz)})");
        }

        return errors;
    }

    private static string Num(double value) => value.ToString(CultureInfo.InvariantCulture);
}
