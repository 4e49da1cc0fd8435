using System.Numerics.Tensors;

namespace Robotics.Policies.Learning;

/// <summary>Target-network averaging θ′ ← (1 − τ)θ′ + τθ (TD3, Fujimoto et al. 2018; ResFiT τ = 0.005) and plain copies.</summary>
public static class Polyak
{
    /// <summary>Moves every parameter of <paramref name="target"/> a fraction <paramref name="tau"/> toward <paramref name="source"/>.</summary>
    public static void Update(Mlp target, Mlp source, float tau)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        Update(target.Parameters, source.Parameters, tau);
    }

    /// <summary>Parameter-list form of <see cref="Update(Mlp, Mlp, float)"/>; lists must match in count and shapes.</summary>
    public static void Update(IReadOnlyList<Parameter> target, IReadOnlyList<Parameter> source, float tau)
    {
        if (!(tau is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "Polyak tau must be in [0, 1].");
        }

        CheckMatch(target, source);
        for (var i = 0; i < target.Count; i++)
        {
            TensorPrimitives.Lerp(target[i].Value, source[i].Value, tau, target[i].Value);
        }
    }

    /// <summary>θ′ ← θ for every parameter (hard update, or initialising a target network).</summary>
    public static void Copy(Mlp target, Mlp source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        Copy(target.Parameters, source.Parameters);
    }

    /// <summary>Parameter-list form of <see cref="Copy(Mlp, Mlp)"/>.</summary>
    public static void Copy(IReadOnlyList<Parameter> target, IReadOnlyList<Parameter> source)
    {
        CheckMatch(target, source);
        for (var i = 0; i < target.Count; i++)
        {
            source[i].Value.AsSpan().CopyTo(target[i].Value);
        }
    }

    private static void CheckMatch(IReadOnlyList<Parameter> target, IReadOnlyList<Parameter> source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        if (target.Count != source.Count)
        {
            throw new ArgumentException($"Target has {target.Count} parameters, source {source.Count}.", nameof(source));
        }

        for (var i = 0; i < target.Count; i++)
        {
            if (!SameShape(target[i].Shape, source[i].Shape))
            {
                throw new ArgumentException($"Parameter {i}: target {target[i]} and source {source[i]} differ in shape.", nameof(source));
            }
        }
    }

    // No LINQ: this runs every training step.
    internal static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }
}
