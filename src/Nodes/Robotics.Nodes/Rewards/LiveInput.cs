namespace Robotics.Nodes.Rewards;

/// <summary>An observation (<paramref name="Frame"/> set) or an episode event for the scoring thread, in arrival order.</summary>
internal readonly record struct LiveInput(float[]? Frame, long StampNs, byte Event)
{
    /// <summary>Not an EpisodeEvent: the executor dropped observations, the episode cannot be scored on.</summary>
    public const byte Abandon = byte.MaxValue;
}
