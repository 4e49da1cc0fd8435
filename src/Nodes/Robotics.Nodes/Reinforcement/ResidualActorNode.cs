using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Topics;
using Robotics.Policies.Learning;
using Robotics.Policies.Reinforcement;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// The actor side of residual RL over the graph (<c>residual</c>; LEARNING.md §3 "Split"): holds a
/// <see cref="ResidualActor"/> whose weights come from a learner on <c>residual/weights</c> through an
/// <see cref="ActorWeightsGate"/> (only newer versions, sound bytes, the same structure, finite weights — anything else
/// is logged with its reason and the last accepted weights stay), and sends the steps it is given to the learner on
/// <c>residual/transitions</c> in batches. Until the first weights arrive its output layer is zero: it executes the
/// base action exactly. Running the base policy is the caller's part: at the control rate it calls
/// <see cref="TryAct"/> with [observation, base action] and <see cref="AddTransition"/> with what happened. With
/// <c>reward_shaping:=true</c> the steps go to <c>residual/transitions_raw</c> instead, each with the reward model's
/// frames of s and s′, and a <c>reward_model</c> node relabels them (LEARNING.md §4) before the learner sees them.
/// </summary>
public sealed class ResidualActorNode : Node
{
    private readonly Lock _live = new();
    private readonly Lock _batchLock = new();
    private readonly ResidualActor _actor;
    private readonly ActorWeightsGate _gate;
    private readonly Rng _noise;
    private readonly float _explorationStd;
    private readonly string _policyId;
    private readonly int _batchSize;
    private readonly bool _rewardShaping;
    private readonly Publisher<TransitionBatch> _transitions;
    private List<Transition> _batch;
    private long _foreignWeights;

    public ResidualActorNode(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        var read = new ParameterDescriptor { ReadOnly = true };
        _policyId = Parameters.Declare("policy_id", "residual", read with { Description = "which learner's weights to take; stamped on the transitions sent" });
        var observationSize = Parameters.Declare("observation_size", 0L, read with { Description = "observation values in the actor's input (the base action follows them)" });
        var actionSize = Parameters.Declare("action_size", 0L, read with { Description = "normalized action values" });
        var alpha = Parameters.Declare("alpha", 0.1, read with { Description = "residual bound α: a_exec = clip(a_base + α·tanh f, ±1) (ResFiT 0.1; 0.2 on hard tasks)" });
        var hidden = Parameters.Declare("hidden", new long[] { 256, 256 }, read with { Description = "hidden widths, as the learner's" });
        var exploration = Parameters.Declare("exploration_std", 0.05, read with { Description = "ε ~ N(0, σ²) added inside the α bound while collecting (ResFiT 0.05); 0 to evaluate" });
        var batchSize = Parameters.Declare("transitions_per_batch", 64L, read with { Description = "steps per TransitionBatch (an episode's end sends what is queued)" });
        var seed = Parameters.Declare("seed", 1L, read with { Description = "seed of the exploration noise" });
        _rewardShaping = Parameters.Declare("reward_shaping", false, read with { Description = $"send steps with their reward-model frames to {ResidualTopics.RawTransitions}, where a reward_model node shapes their rewards and forwards them to the learner" });
        if (observationSize < 1 || actionSize < 1 || batchSize < 1 || hidden.Length == 0 || Array.Exists(hidden, h => h < 1))
        {
            throw new ArgumentException($"{FullyQualifiedName}: observation_size ({observationSize}), action_size ({actionSize}), transitions_per_batch ({batchSize}) and every hidden width must be ≥ 1");
        }

        _actor = new ResidualActor((int)observationSize, (int)actionSize, [.. hidden.Select(h => (int)h)], (float)alpha, new Rng((ulong)seed));
        _gate = new ActorWeightsGate(_actor.Network, liveLock: _live);
        _noise = new Rng((ulong)seed + 1);
        (_explorationStd, _batchSize) = ((float)exploration, (int)batchSize);
        _batch = new List<Transition>(_batchSize);
        _transitions = CreatePublisher<TransitionBatch>(_rewardShaping ? ResidualTopics.RawTransitions : ResidualTopics.Transitions, ResidualTopics.TransitionsQos);
        CreateSubscription<PolicyWeights>(ResidualTopics.Weights, OnWeights, ResidualTopics.WeightsQos);
        Logger.Info($"residual actor {_policyId}: {observationSize} observation + {actionSize} base action values, α {alpha}, executing the base until weights arrive on {ResidualTopics.Weights}");
    }

    /// <summary>[observation, base action] values per <see cref="TryAct"/> input.</summary>
    public int InputSize => _actor.InputSize;

    public int ActionSize => _actor.ActionSize;

    /// <summary>Version of the weights in use; 0 while the actor still runs its initial (zero-residual) weights.</summary>
    public ulong WeightsVersion => _gate.Version;

    /// <summary>Weights refused: by the gate (version, bytes, structure, values) or meant for another policy or format.</summary>
    public long RejectedWeights => _gate.Rejected + Interlocked.Read(ref _foreignWeights);

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
    /// Queues one step for the learner (states are actor inputs, <paramref name="action"/> what was executed) and
    /// sends the queue when it holds <c>transitions_per_batch</c> steps or the episode ended. Values are copied. With
    /// <c>reward_shaping</c>, <paramref name="frame"/> and <paramref name="nextFrame"/> are the reward model's raw
    /// inputs for s and s′ (its trained features) and <paramref name="reward"/> the sparse reward; without, they are
    /// ignored.
    /// </summary>
    public void AddTransition(ReadOnlySpan<float> state, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> nextState, bool terminal, bool truncated, bool intervention = false, ReadOnlySpan<float> frame = default, ReadOnlySpan<float> nextFrame = default)
    {
        if (_rewardShaping && (frame.IsEmpty || nextFrame.IsEmpty))
        {
            throw new ArgumentException($"{FullyQualifiedName} has reward_shaping on: pass each step's reward-model frames of s and s′ (or turn reward_shaping off)", nameof(frame));
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
            Frame = _rewardShaping ? frame.ToArray() : [],
            NextFrame = _rewardShaping ? nextFrame.ToArray() : [],
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

    protected override void Dispose(bool disposing)
    {
        if (disposing && _transitions is not null)
        {
            Flush(); // the publisher is still open: steps already taken reach the learner
        }

        base.Dispose(disposing);
    }

    private void Send(List<Transition> transitions) => _transitions.Publish(new TransitionBatch
    {
        Header = new Header { Stamp = Now(), FrameId = string.Empty },
        PolicyId = _policyId,
        Transitions = [.. transitions],
    });

    private void OnWeights(PolicyWeights weights)
    {
        if (weights.PolicyId != _policyId || weights.Format != ResidualTopics.RnetFormat)
        {
            Interlocked.Increment(ref _foreignWeights);
            Logger.Warn($"weights version {weights.Version} refused: policy \"{weights.PolicyId}\" in format \"{weights.Format}\"; this actor runs \"{_policyId}\" in \"{ResidualTopics.RnetFormat}\" (keeping version {_gate.Version})");
            return;
        }

        if (_gate.TryAccept(weights.Version, weights.Data, out var reason))
        {
            Logger.Debug($"weights version {weights.Version} in use");
            return;
        }

        Logger.Warn($"{reason}; keeping version {_gate.Version}");
    }
}
