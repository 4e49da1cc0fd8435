namespace Robotics.Policies.Rewards;

/// <summary>
/// One recorded episode for reward-model training (LEARNING.md §4): T state frames [T, S] row-major, the stage k of
/// every frame (0 … K−1; in sim the stage events are free: contact, grasp, lift, place) and τ, the position within that
/// stage in [0, 1], which together give SARM's progress target (<see cref="StageProgress"/>).
/// <see cref="Success"/> means the goal was reached at the last frame; <see cref="TimeLimited"/> that the time limit
/// ended it. A success cannot also be time-limited: a success cut before its end is a failure for the success head
/// (RoboReward's negative augmentation, <see cref="ClipAt"/>). The arrays are copied, so an episode cannot change.
/// </summary>
public sealed record RewardEpisode
{
    private readonly float[] _states;
    private readonly int[] _stages;
    private readonly float[] _stageProgress;

    /// <summary>Checks shapes, finiteness, stage ≥ 0 and τ in [0, 1]; each failure names the frame.</summary>
    public RewardEpisode(ReadOnlySpan<float> states, int stateSize, ReadOnlySpan<int> stages, ReadOnlySpan<float> stageProgress, bool success, bool timeLimited = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        var frames = stages.Length;
        if (frames == 0 || states.Length != frames * stateSize || stageProgress.Length != frames)
        {
            throw new ArgumentException($"an episode needs T ≥ 1 frames: T × {stateSize} state values, T stages and T τ values; got {states.Length}, {stages.Length} and {stageProgress.Length}", nameof(states));
        }

        if (success && timeLimited)
        {
            throw new ArgumentException("a success ends at its goal, not at the time limit; a success cut short is a failure (success: false, timeLimited: true, see ClipAt)", nameof(timeLimited));
        }

        for (var t = 0; t < frames; t++)
        {
            if (stages[t] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(stages), stages[t], $"frame {t} has a negative stage");
            }

            if (!(stageProgress[t] is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(stageProgress), stageProgress[t], $"frame {t} has τ outside [0, 1]");
            }

            for (var i = 0; i < stateSize; i++)
            {
                if (!float.IsFinite(states[(t * stateSize) + i]))
                {
                    throw new ArgumentException($"frame {t} feature {i} is {states[(t * stateSize) + i]}; training states must be finite", nameof(states));
                }
            }
        }

        (_states, _stages, _stageProgress) = (states.ToArray(), stages.ToArray(), stageProgress.ToArray());
        (StateSize, Success, TimeLimited) = (stateSize, success, timeLimited);
    }

    /// <summary>S: features per frame.</summary>
    public int StateSize { get; }

    /// <summary>T: frames.</summary>
    public int Length => _stages.Length;

    /// <summary>[T, S] row-major.</summary>
    public ReadOnlyMemory<float> States => _states;

    /// <summary>Stage index per frame.</summary>
    public ReadOnlyMemory<int> Stages => _stages;

    /// <summary>τ per frame: position within its stage, in [0, 1].</summary>
    public ReadOnlyMemory<float> StageProgress => _stageProgress;

    /// <summary>The goal was reached at the last frame.</summary>
    public bool Success { get; }

    /// <summary>The time limit ended the episode (not a terminal).</summary>
    public bool TimeLimited { get; }

    /// <summary>Frame <paramref name="t"/>'s state (S values).</summary>
    public ReadOnlySpan<float> State(int t) => _states.AsSpan(t * StateSize, StateSize);

    /// <summary>
    /// Per-frame stage and τ from the frames at which each stage began (SARM: stage k from events). Stage k spans
    /// [start_k, start_{k+1}) with τ = (t − start_k)/(start_{k+1} − start_k), so progress is continuous across a
    /// boundary. The last stage of a success ends at the last frame (τ = 1 there: progress reaches 1). In an episode
    /// that did not succeed the last stage reached is unfinished and its true length unknown: τ is the fraction of the
    /// frames observed, (t − start)/(T − start), which never reaches 1 but over-states a robot that stalled; give τ
    /// per frame through the constructor where the simulator can measure it.
    /// </summary>
    public static RewardEpisode FromStageEvents(ReadOnlySpan<float> states, int stateSize, IReadOnlyList<int> stageStartFrames, bool success, bool timeLimited = false)
    {
        ArgumentNullException.ThrowIfNull(stageStartFrames);
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        var frames = states.Length / stateSize;
        if (stageStartFrames.Count == 0 || stageStartFrames[0] != 0)
        {
            throw new ArgumentException("stage start frames must begin with 0 (every frame belongs to a stage)", nameof(stageStartFrames));
        }

        for (var k = 1; k < stageStartFrames.Count; k++)
        {
            if (stageStartFrames[k] < stageStartFrames[k - 1] || stageStartFrames[k] >= frames)
            {
                throw new ArgumentException($"stage {k} starts at frame {stageStartFrames[k]}; starts must be non-decreasing and below T = {frames}", nameof(stageStartFrames));
            }
        }

        var stages = new int[frames];
        var taus = new float[frames];
        for (var k = 0; k < stageStartFrames.Count; k++)
        {
            var start = stageStartFrames[k];
            var last = k == stageStartFrames.Count - 1;
            var end = last ? frames : stageStartFrames[k + 1];
            var span = !last ? end - start : success ? end - 1 - start : end - start;
            for (var t = start; t < end; t++)
            {
                stages[t] = k;
                taus[t] = span <= 0 ? 1 : Math.Min(1, (float)(t - start) / span);
            }
        }

        return new RewardEpisode(states, stateSize, stages, taus, success, timeLimited);
    }

    /// <summary>
    /// The first <paramref name="length"/> frames as a time-clipped failure (RoboReward's negative augmentation: a
    /// success cut before its end is not a success). Stages and τ keep the full episode's values. For this per-frame
    /// success head the trainer already labels every frame of a success before its last ~10 % as 0, which is this
    /// augmentation at every cut point; clipped copies add nothing there but are the honest way to hand the trainer
    /// a rollout stopped by the time limit.
    /// </summary>
    public RewardEpisode ClipAt(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length);
        return new RewardEpisode(_states.AsSpan(0, length * StateSize), StateSize, _stages.AsSpan(0, length), _stageProgress.AsSpan(0, length), success: false, timeLimited: true);
    }
}
