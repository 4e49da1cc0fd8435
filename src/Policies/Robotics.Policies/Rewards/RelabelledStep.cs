namespace Robotics.Policies.Rewards;

/// <summary>
/// What <see cref="TransitionRelabeller"/> made of one <see cref="RewardStep"/>. A quarantined step has no reward (NaN,
/// never to be stored or published): a score it needs was not finite, or its frames had the wrong size.
/// </summary>
/// <param name="Reward">r′ = r + λ(γΦ(s′) − Φ(s)); NaN when <paramref name="Quarantined"/>.</param>
/// <param name="Next">The model's reading of s′ (progress Φ(s′), stage, success probability); invalid when not scored.</param>
/// <param name="Quarantined">No reward could be computed: drop the step, count it, cut the episode there.</param>
/// <param name="StartsSegment">
/// The step does not continue the previous one (first step seen, first after an episode's end, or its s is not the
/// previous s′): its context starts afresh, and whoever stores steps must not join it to the one before.
/// </param>
public readonly record struct RelabelledStep(float Reward, RewardPrediction Next, bool Quarantined, bool StartsSegment);
