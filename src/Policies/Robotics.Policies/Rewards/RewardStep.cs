namespace Robotics.Policies.Rewards;

/// <summary>
/// One stored environment step as the reward model sees it, for <see cref="TransitionRelabeller"/>: the raw frames of
/// s and s′ (S values each, the features the model was trained on — the simulated task's observation, not the actor's
/// input), the sparse reward r (1 on success) and how the step ended the episode, if it did.
/// </summary>
/// <param name="Frame">The reward-model frame of s.</param>
/// <param name="NextFrame">The reward-model frame of s′.</param>
/// <param name="Reward">Sparse r.</param>
/// <param name="Terminal">A true end (success, failure state): Φ(s′) := 0.</param>
/// <param name="Truncated">Cut short (time limit, stop): Φ(s′) is kept (Pardo et al. 2018).</param>
public readonly record struct RewardStep(ReadOnlyMemory<float> Frame, ReadOnlyMemory<float> NextFrame, float Reward, bool Terminal, bool Truncated)
{
    /// <summary>The step ends its episode, whichever way.</summary>
    public bool EndsEpisode => Terminal || Truncated;
}
