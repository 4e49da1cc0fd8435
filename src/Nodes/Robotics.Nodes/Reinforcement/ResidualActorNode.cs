using Robotics.Middleware;
using Robotics.Middleware.Parameters;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// The actor side of residual RL over the graph (<c>residual</c>; LEARNING.md §3 "Split") for a caller that runs the
/// base policy itself: a <see cref="ResidualActorLink"/> (versioned weights from <c>residual/weights</c>, steps to
/// <c>transitions_topic</c>) sized by <c>observation_size</c> and <c>action_size</c>. At the control rate the caller
/// calls <see cref="TryAct"/> with [observation, base action] and <see cref="AddTransition"/> with what happened.
/// <see cref="ResidualPolicyNode"/> (<c>residual_policy</c>) is the same actor with the base policy inside.
/// </summary>
public sealed class ResidualActorNode : Node
{
    private readonly ResidualActorLink _link;

    public ResidualActorNode(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        var read = new ParameterDescriptor { ReadOnly = true };
        var observationSize = Parameters.Declare("observation_size", 0L, read with { Description = "observation values in the actor's input (the base action follows them)" });
        var actionSize = Parameters.Declare("action_size", 0L, read with { Description = "normalized action values" });
        if (observationSize is < 1 or > int.MaxValue || actionSize is < 1 or > int.MaxValue)
        {
            throw new ArgumentException($"{FullyQualifiedName}: observation_size ({observationSize}) and action_size ({actionSize}) must be ≥ 1");
        }

        _link = new ResidualActorLink(this, (int)observationSize, (int)actionSize);
    }

    /// <summary>[observation, base action] values per <see cref="TryAct"/> input.</summary>
    public int InputSize => _link.InputSize;

    public int ActionSize => _link.ActionSize;

    /// <summary>Version of the weights in use; 0 while the actor still runs its initial (zero-residual) weights.</summary>
    public ulong WeightsVersion => _link.WeightsVersion;

    /// <summary>Weights refused: by the gate (version, bytes, structure, values) or meant for another policy or format.</summary>
    public long RejectedWeights => _link.RejectedWeights;

    /// <inheritdoc cref="ResidualActorLink.TryAct"/>
    public bool TryAct(ReadOnlySpan<float> input, Span<float> residual, Span<float> executed) => _link.TryAct(input, residual, executed);

    /// <inheritdoc cref="ResidualActorLink.AddTransition"/>
    public void AddTransition(ReadOnlySpan<float> state, ReadOnlySpan<float> action, float reward, ReadOnlySpan<float> nextState, bool terminal, bool truncated, bool intervention = false, ReadOnlySpan<float> frame = default, ReadOnlySpan<float> nextFrame = default) =>
        _link.AddTransition(state, action, reward, nextState, terminal, truncated, intervention, frame, nextFrame);

    /// <inheritdoc cref="ResidualActorLink.Flush"/>
    public void Flush() => _link.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _link?.Flush(); // the publisher is still open: steps already taken reach the learner
        }

        base.Dispose(disposing);
    }
}
