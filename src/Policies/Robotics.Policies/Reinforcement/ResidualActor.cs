using Robotics.Policies.Learning;

namespace Robotics.Policies.Reinforcement;

/// <summary>
/// The residual actor (ResFiT, LEARNING.md §3): f sees the observation and the frozen base policy's action, and
/// a_exec = clip(a_base + clip(α·tanh(f(s, a_base)) + ε, −α, α), −1, 1) in normalized action units. Its output layer
/// starts at zero, so before any update it executes the base policy exactly. Input rows are
/// [observation (ObservationSize), base action (ActionSize)]: the replay buffer stores them as its states.
/// </summary>
public sealed class ResidualActor
{
    public ResidualActor(int observationSize, int actionSize, IReadOnlyList<int> hidden, float alpha, Rng rng)
        : this(observationSize, actionSize, Mlp.Create(observationSize + actionSize, [.. hidden], actionSize, rng, layerNorm: true, outputActivation: Activation.Tanh, zeroOutputLayer: true), alpha)
    {
    }

    /// <summary>An actor around an existing network (loaded weights), which must map ObservationSize + ActionSize to ActionSize.</summary>
    public ResidualActor(int observationSize, int actionSize, Mlp network, float alpha)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(actionSize, 1);
        if (network.InputSize != observationSize + actionSize || network.OutputSize != actionSize)
        {
            throw new ArgumentException($"a residual actor maps {observationSize} observation + {actionSize} base action values to {actionSize}; the network maps {network.InputSize} to {network.OutputSize}", nameof(network));
        }

        if (!(alpha > 0) || !float.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be finite and > 0");
        }

        (ObservationSize, ActionSize, Network, Alpha) = (observationSize, actionSize, network, alpha);
    }

    public int ObservationSize { get; }

    public int ActionSize { get; }

    /// <summary>Observation followed by the base action.</summary>
    public int InputSize => ObservationSize + ActionSize;

    public float Alpha { get; }

    /// <summary>f with tanh on its output.</summary>
    public Mlp Network { get; }

    /// <summary>
    /// One row: writes the executed action and the residual it carries over the base (bounded by ±α, exploration
    /// noise inside the bound).
    /// A non-finite input or network output is refused (false), nothing written: the caller falls back to the base.
    /// </summary>
    public bool Act(ReadOnlySpan<float> input, Span<float> residual, Span<float> executed, Rng? noise = null, float noiseStd = 0)
    {
        if (input.Length != InputSize || residual.Length != ActionSize || executed.Length != ActionSize)
        {
            throw new ArgumentException($"the actor takes {InputSize} input values and writes {ActionSize} residual and executed values");
        }

        foreach (var v in input)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        var squashed = Network.Forward(input, 1);
        foreach (var v in squashed)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        var baseAction = input[ObservationSize..];
        for (var j = 0; j < ActionSize; j++)
        {
            var r = Alpha * squashed[j];
            if (noise is not null && noiseStd > 0)
            {
                r += noise.TruncatedNormal(0, noiseStd, -2 * noiseStd, 2 * noiseStd);
            }

            executed[j] = Math.Clamp(baseAction[j] + Math.Clamp(r, -Alpha, Alpha), -1f, 1f);
            residual[j] = executed[j] - baseAction[j]; // what the robot gets on top of the base, after the range clip

        }

        return true;
    }
}
