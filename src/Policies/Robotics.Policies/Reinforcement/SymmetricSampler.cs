using Robotics.Policies.Learning;

namespace Robotics.Policies.Reinforcement;

/// <summary>
/// RLPD's symmetric sampling (Ball et al. 2023; LEARNING.md §3): each batch is half online, half demonstrations, so
/// the demonstrations keep their weight however large the online buffer grows. Rows [0, B/2) come from the online
/// buffer, [B/2, B) from the demonstrations; with no online data yet, all from the demonstrations.
/// </summary>
public sealed class SymmetricSampler(ReplayBuffer online, ReplayBuffer demos)
{
    private int[] _indices = [];

    public ReplayBuffer Online { get; } = online ?? throw new ArgumentNullException(nameof(online));

    public ReplayBuffer Demos { get; } = demos ?? throw new ArgumentNullException(nameof(demos));

    /// <summary>Fills a batch of <paramref name="rewards"/>.Length rows; returns how many came from the online buffer.</summary>
    public int Sample(Rng rng, Span<float> states, Span<float> actions, Span<float> rewards, Span<float> nextStates, Span<float> discounts)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var batch = rewards.Length;
        var onlineRows = Online.Count == 0 ? 0 : Demos.Count == 0 ? batch : batch / 2;
        if (_indices.Length < batch)
        {
            _indices = new int[batch];
        }

        var (s, a) = (Online.StateSize, Online.ActionSize);
        if (onlineRows > 0)
        {
            Online.Sample(rng, _indices.AsSpan(0, onlineRows));
            Online.Gather(_indices.AsSpan(0, onlineRows), states[..(onlineRows * s)], actions[..(onlineRows * a)], rewards[..onlineRows], nextStates[..(onlineRows * s)], discounts[..onlineRows]);
        }

        var demoRows = batch - onlineRows;
        if (demoRows > 0)
        {
            Demos.Sample(rng, _indices.AsSpan(0, demoRows));
            Demos.Gather(_indices.AsSpan(0, demoRows), states[(onlineRows * s)..], actions[(onlineRows * a)..], rewards[onlineRows..], nextStates[(onlineRows * s)..], discounts[onlineRows..]);
        }

        return onlineRows;
    }
}
