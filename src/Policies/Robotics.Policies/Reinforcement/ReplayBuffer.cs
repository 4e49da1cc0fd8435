using Robotics.Policies.Learning;

namespace Robotics.Policies.Reinforcement;

/// <summary>
/// A ring of transitions (s, a, r, s′, done, intervention) with n-step returns computed as they arrive (LEARNING.md §3:
/// n = 3, γ = 0.99): the stored reward is Σ_{k&lt;n} γ^k r_{t+k}, the stored next state the one n steps on, and the
/// discount γ^n — or the truncated sum and γ^k up to a terminal. A time limit ends the n-step window without
/// marking it terminal (Pardo et al. 2018: the value after a time limit is not zero). Fixed capacity; the oldest go first.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly float[] _states;
    private readonly float[] _actions;
    private readonly float[] _nextStates;
    private readonly float[] _rewards;
    private readonly float[] _discounts;
    private readonly bool[] _interventions;
    private readonly int _n;
    private readonly float _gamma;
    // The last n steps not yet stored, as a ring made once: Add allocates nothing.
    private readonly float[] _windowStates;
    private readonly float[] _windowActions;
    private readonly float[] _windowRewards;
    private readonly bool[] _windowInterventions;
    private int _windowStart;
    private int _windowCount;
    private int _next;

    public ReplayBuffer(int capacity, int stateSize, int actionSize, int nStep = 3, float gamma = 0.99f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nStep, 1);
        (Capacity, StateSize, ActionSize, _n, _gamma) = (capacity, stateSize, actionSize, nStep, gamma);
        _states = new float[capacity * stateSize];
        _nextStates = new float[capacity * stateSize];
        _actions = new float[capacity * actionSize];
        _rewards = new float[capacity];
        _discounts = new float[capacity];
        _interventions = new bool[capacity];
        _windowStates = new float[nStep * stateSize];
        _windowActions = new float[nStep * actionSize];
        _windowRewards = new float[nStep];
        _windowInterventions = new bool[nStep];
    }

    public int Capacity { get; }

    public int StateSize { get; }

    public int ActionSize { get; }

    public int Count { get; private set; }

    /// <summary>One environment step. <paramref name="terminal"/>: a true end (success); <paramref name="truncated"/>: a time limit.</summary>
    public void Add(ReadOnlySpan<float> state, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> nextState, bool terminal, bool truncated, bool intervention = false)
    {
        if (!TryAdd(state, action, reward, nextState, terminal, truncated, intervention, out var reason))
        {
            throw new ArgumentException(reason);
        }
    }

    /// <summary>
    /// <see cref="Add"/> for data from outside the process (a learner's transitions topic): a step of the wrong size or
    /// with a NaN/inf value is refused with the reason, and nothing is stored.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<float> state, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> nextState, bool terminal, bool truncated, bool intervention, out string reason)
    {
        if (state.Length != StateSize || nextState.Length != StateSize || action.Length != ActionSize)
        {
            reason = $"a transition has {StateSize} state and {ActionSize} action values; this one has {state.Length} state, {nextState.Length} next state and {action.Length} action values";
            return false;
        }

        if (!float.IsFinite(reward) || !AllFinite(state) || !AllFinite(action) || !AllFinite(nextState))
        {
            reason = "a transition with a non-finite value is refused (it would poison the critic)";
            return false;
        }

        reason = string.Empty;
        Store(state, action, reward, nextState, terminal, truncated, intervention);
        return true;
    }

    /// <summary>
    /// Drops the steps still waiting for their n-step window: after a gap in the stream (a refused or lost step) the
    /// next step is not their successor, and a return summed across the gap would be wrong. Returns how many.
    /// </summary>
    public int DiscardPending()
    {
        var dropped = _windowCount;
        (_windowStart, _windowCount) = (0, 0);
        return dropped;
    }

    private void Store(ReadOnlySpan<float> state, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> nextState, bool terminal, bool truncated, bool intervention)
    {
        var slot = (_windowStart + _windowCount) % _n;
        state.CopyTo(_windowStates.AsSpan(slot * StateSize, StateSize));
        action.CopyTo(_windowActions.AsSpan(slot * ActionSize, ActionSize));
        (_windowRewards[slot], _windowInterventions[slot]) = (reward, intervention);
        _windowCount++;
        if (_windowCount == _n)
        {
            Emit(nextState, bootstrap: !terminal);
        }

        if (terminal || truncated)
        {
            while (_windowCount > 0)
            {
                Emit(nextState, bootstrap: !terminal);
            }
        }
    }

    /// <summary>Copies transitions <paramref name="indices"/> into a batch (row-major).</summary>
    public void Gather(ReadOnlySpan<int> indices, Span<float> states, Span<float> actions, Span<float> rewards, Span<float> nextStates, Span<float> discounts)
    {
        for (var row = 0; row < indices.Length; row++)
        {
            var i = indices[row];
            _states.AsSpan(i * StateSize, StateSize).CopyTo(states.Slice(row * StateSize, StateSize));
            _nextStates.AsSpan(i * StateSize, StateSize).CopyTo(nextStates.Slice(row * StateSize, StateSize));
            _actions.AsSpan(i * ActionSize, ActionSize).CopyTo(actions.Slice(row * ActionSize, ActionSize));
            rewards[row] = _rewards[i];
            discounts[row] = _discounts[i];
        }
    }

    /// <summary>Whether stored transition <paramref name="index"/> was under human intervention (HIL-SERL flags).</summary>
    public bool IsIntervention(int index) => _interventions[index];

    /// <summary><paramref name="count"/> uniform indices into the stored transitions.</summary>
    public void Sample(Rng rng, Span<int> indices)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (Count == 0)
        {
            throw new InvalidOperationException("the replay buffer is empty");
        }

        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = rng.NextInt(Count);
        }
    }

    private void Emit(ReadOnlySpan<float> nextState, bool bootstrap)
    {
        var (ret, discount) = (0f, 1f);
        for (var k = 0; k < _windowCount; k++)
        {
            ret += discount * _windowRewards[(_windowStart + k) % _n];
            discount *= _gamma;
        }

        var (first, i) = (_windowStart, _next);
        _windowStates.AsSpan(first * StateSize, StateSize).CopyTo(_states.AsSpan(i * StateSize, StateSize));
        _windowActions.AsSpan(first * ActionSize, ActionSize).CopyTo(_actions.AsSpan(i * ActionSize, ActionSize));
        nextState.CopyTo(_nextStates.AsSpan(i * StateSize, StateSize));
        (_rewards[i], _discounts[i], _interventions[i]) = (ret, bootstrap ? discount : 0, _windowInterventions[first]);
        (_windowStart, _windowCount) = ((_windowStart + 1) % _n, _windowCount - 1);
        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
