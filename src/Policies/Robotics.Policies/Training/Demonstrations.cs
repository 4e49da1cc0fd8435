namespace Robotics.Policies.Training;

/// <summary>Recorded episodes of (state, action) frames: what behaviour cloning learns from.</summary>
public sealed class Demonstrations
{
    private readonly List<(float[] States, float[] Actions)> _episodes = [];

    public Demonstrations(int stateSize, int actionSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stateSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionSize, 1);
        (StateSize, ActionSize) = (stateSize, actionSize);
    }

    public int StateSize { get; }

    public int ActionSize { get; }

    public int Episodes => _episodes.Count;

    public int Frames => _episodes.Sum(e => e.Actions.Length / ActionSize);

    public IReadOnlyList<(float[] States, float[] Actions)> All => _episodes;

    /// <summary>One episode: T states (T × StateSize) and the T actions taken in them (T × ActionSize).</summary>
    public void Add(float[] states, float[] actions)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(actions);
        var frames = actions.Length / ActionSize;
        if (frames == 0 || actions.Length != frames * ActionSize || states.Length != frames * StateSize)
        {
            throw new ArgumentException($"an episode needs T × {StateSize} state values and T × {ActionSize} action values (T ≥ 1), got {states.Length} and {actions.Length}");
        }

        if (states.Any(v => !float.IsFinite(v)) || actions.Any(v => !float.IsFinite(v)))
        {
            throw new ArgumentException($"episode {_episodes.Count} holds a non-finite value; demonstrations must be finite");
        }

        _episodes.Add((states, actions));
    }
}
