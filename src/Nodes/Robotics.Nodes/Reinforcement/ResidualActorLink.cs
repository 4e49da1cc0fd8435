using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Topics;
using Robotics.Policies.Learning;
using Robotics.Policies.Reinforcement;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// The actor's end of residual RL over the graph (LEARNING.md §3 "Split"), on a node's behalf: a
/// <see cref="ResidualActor"/> whose weights come from a learner on <c>residual/weights</c> through an
/// <see cref="ActorWeightsGate"/> (only newer versions, sound bytes, the same structure, finite weights — anything else
/// is logged with its reason and the last accepted weights stay), and the steps it is given sent to the learner on
/// <c>transitions_topic</c> in batches. Until the first weights arrive its output layer is zero: it executes the base
/// action exactly. Declares <c>policy_id</c>, <c>alpha</c>, <c>hidden</c>, <c>exploration_std</c>,
/// <c>transitions_per_batch</c>, <c>transitions_topic</c> and <c>seed</c> on the node.
/// </summary>
internal sealed class ResidualActorLink
{
    private readonly Node _node;
    private readonly Lock _live = new();
    private readonly Lock _batchLock = new();
    private readonly ResidualActor _actor;
    private readonly ActorWeightsGate _gate;
    private readonly Rng _noise;
    private readonly float _explorationStd;
    private readonly string _policyId;
    private readonly int _batchSize;
    private readonly Publisher<TransitionBatch> _transitions;
    private List<Transition> _batch;
    private long _foreignWeights;
    private long _sent;

    public ResidualActorLink(Node node, int observationSize, int actionSize, double defaultAlpha = 0.1)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
        var read = new ParameterDescriptor { ReadOnly = true };
        var parameters = node.Parameters;
        _policyId = parameters.Declare("policy_id", "residual", read with { Description = "which learner's weights to take; stamped on the transitions sent" });
        var alpha = parameters.Declare("alpha", defaultAlpha, read with { Description = "residual bound α: a_exec = clip(a_base + α·tanh f, ±1) (ResFiT 0.1; 0.2 on hard tasks; 1 from scratch)" });
        var hidden = parameters.Declare("hidden", new long[] { 256, 256 }, read with { Description = "hidden widths, as the learner's" });
        var exploration = parameters.Declare("exploration_std", 0.05, read with { Description = "ε ~ N(0, σ²) added inside the α bound while collecting (ResFiT 0.05); 0 to evaluate" });
        var batchSize = parameters.Declare("transitions_per_batch", 64L, read with { Description = "steps per TransitionBatch (an episode's end sends what is queued)" });
        var topic = parameters.Declare("transitions_topic", ResidualTopics.Transitions, read with { Description = $"where the steps go: {ResidualTopics.Transitions} (the learner) or {ResidualTopics.RawTransitions} (a reward model relabels them on the way)" });
        var seed = parameters.Declare("seed", 1L, read with { Description = "seed of the exploration noise" });
        if (observationSize < 1 || actionSize < 1 || batchSize < 1 || hidden.Length == 0 || Array.Exists(hidden, h => h < 1))
        {
            throw new ArgumentException($"{node.FullyQualifiedName}: observation_size ({observationSize}), action_size ({actionSize}), transitions_per_batch ({batchSize}) and every hidden width must be ≥ 1");
        }

        if (!(exploration >= 0) || !double.IsFinite(exploration))
        {
            throw new ArgumentException($"{node.FullyQualifiedName}: exploration_std must be ≥ 0 (0 to evaluate), not {exploration}");
        }

        _actor = new ResidualActor(observationSize, actionSize, [.. hidden.Select(h => (int)h)], (float)alpha, new Rng((ulong)seed));
        _gate = new ActorWeightsGate(_actor.Network, liveLock: _live);
        _noise = new Rng((ulong)seed + 1);
        (_explorationStd, _batchSize) = ((float)exploration, (int)batchSize);
        _batch = new List<Transition>(_batchSize);
        _transitions = node.CreatePublisher<TransitionBatch>(topic, ResidualTopics.TransitionsQos);
        CarriesFrames = ("/" + _transitions.Topic.TrimStart('/')).EndsWith("/" + ResidualTopics.RawTransitions, StringComparison.Ordinal);
        node.CreateSubscription<PolicyWeights>(ResidualTopics.Weights, OnWeights, ResidualTopics.WeightsQos);
        node.Logger.Info($"residual actor {_policyId}: {observationSize} observation + {actionSize} base action values, α {alpha}, exploration σ {exploration}, steps to {_transitions.Topic}; executing the base until weights arrive on {ResidualTopics.Weights}");
    }

    public int InputSize => _actor.InputSize;

    public int ObservationSize => _actor.ObservationSize;

    public int ActionSize => _actor.ActionSize;

    public float Alpha => _actor.Alpha;

    public string PolicyId => _policyId;

    /// <summary>Version of the weights in use; 0 while the actor still runs its initial (zero-residual) weights.</summary>
    public ulong WeightsVersion => _gate.Version;

    /// <summary>Weights refused: by the gate (version, bytes, structure, values) or meant for another policy or format.</summary>
    public long RejectedWeights => _gate.Rejected + Interlocked.Read(ref _foreignWeights);

    /// <summary>Steps published to the learner so far.</summary>
    public long TransitionsSent => Interlocked.Read(ref _sent);

    /// <summary>
    /// One control step: writes the executed action and the residual on top of the base (within ±α, exploration noise
    /// inside the bound). False on a non-finite input or output, nothing written: the caller sends the base action.
    /// Thread-safe against weights arriving: it runs on the last accepted weights, never on half-copied ones.
    /// </summary>
    public bool TryAct(ReadOnlySpan<float> input, Span<float> residual, Span<float> executed)
    {
        lock (_live)
        {
            return _actor.Act(input, residual, executed, _explorationStd > 0 ? _noise : null, _explorationStd);
        }
    }

    /// <summary>
    /// True when the steps go to a reward model (<see cref="ResidualTopics.RawTransitions"/>): each must carry the
    /// model's raw input frames of s and s′ (its trained features), which it relabels the reward from.
    /// </summary>
    public bool CarriesFrames { get; }

    /// <summary>
    /// Queues one step for the learner (states are actor inputs, <paramref name="action"/> what was executed) and
    /// sends the queue when it holds <c>transitions_per_batch</c> steps or the episode ended. Values are copied.
    /// <paramref name="frame"/> and <paramref name="nextFrame"/>: the reward model's frames of s and s′, required when
    /// <see cref="CarriesFrames"/>, ignored otherwise.
    /// </summary>
    public void AddTransition(ReadOnlySpan<float> state, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> nextState, bool terminal, bool truncated, bool intervention, ReadOnlySpan<float> frame = default, ReadOnlySpan<float> nextFrame = default)
    {
        if (CarriesFrames && (frame.IsEmpty || nextFrame.IsEmpty))
        {
            throw new ArgumentException($"{_node.FullyQualifiedName} sends its steps to {ResidualTopics.RawTransitions} for a reward model: pass each step's reward-model frames of s and s′ (or send to {ResidualTopics.Transitions})", nameof(frame));
        }

        var transition = new Transition
        {
            State = state.ToArray(),
            Action = action.ToArray(),
            Reward = reward,
            NextState = nextState.ToArray(),
            Terminal = terminal,
            Truncated = truncated,
            Intervention = intervention,
            Frame = CarriesFrames ? frame.ToArray() : [],
            NextFrame = CarriesFrames ? nextFrame.ToArray() : [],
        };
        List<Transition>? full = null;
        lock (_batchLock)
        {
            _batch.Add(transition);
            if (_batch.Count >= _batchSize || terminal || truncated)
            {
                (full, _batch) = (_batch, new List<Transition>(_batchSize));
            }
        }

        if (full is not null)
        {
            Send(full);
        }
    }

    /// <summary>Sends the queued steps now (an episode paused, the node stopping).</summary>
    public void Flush()
    {
        List<Transition> queued;
        lock (_batchLock)
        {
            if (_batch.Count == 0)
            {
                return;
            }

            (queued, _batch) = (_batch, new List<Transition>(_batchSize));
        }

        Send(queued);
    }

    private void Send(List<Transition> transitions)
    {
        _transitions.Publish(new TransitionBatch
        {
            Header = new Header { Stamp = _node.Now(), FrameId = string.Empty },
            PolicyId = _policyId,
            Transitions = [.. transitions],
        });
        Interlocked.Add(ref _sent, transitions.Count);
    }

    private void OnWeights(PolicyWeights weights)
    {
        if (weights.PolicyId != _policyId || weights.Format != ResidualTopics.RnetFormat)
        {
            Interlocked.Increment(ref _foreignWeights);
            _node.Logger.Warn($"weights version {weights.Version} refused: policy \"{weights.PolicyId}\" in format \"{weights.Format}\"; this actor runs \"{_policyId}\" in \"{ResidualTopics.RnetFormat}\" (keeping version {_gate.Version})");
            return;
        }

        if (_gate.TryAccept(weights.Version, weights.Data, out var reason))
        {
            _node.Logger.Debug($"weights version {weights.Version} in use");
            return;
        }

        _node.Logger.Warn($"{reason}; keeping version {_gate.Version}");
    }
}
