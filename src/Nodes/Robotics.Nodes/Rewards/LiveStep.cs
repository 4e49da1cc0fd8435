using Robotics.Policies.Rewards;

namespace Robotics.Nodes.Rewards;

/// <summary>
/// A step of the live episode whose ending is known: s → s′ between two consecutive scored observations, with the
/// stamp of s′ (the observation the published reward is about) and, on an episode's last step, its outcome.
/// </summary>
/// <param name="Step">Frames, sparse reward and ending, for <see cref="TransitionRelabeller"/>.</param>
/// <param name="StampNs">Stamp of the observation behind s′.</param>
/// <param name="Success">True when the episode ended in success at s′, false in failure, null otherwise.</param>
internal readonly record struct LiveStep(RewardStep Step, long StampNs, bool? Success);
