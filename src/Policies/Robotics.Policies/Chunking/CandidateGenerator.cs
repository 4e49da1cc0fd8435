using System.Globalization;

namespace Robotics.Policies.Chunking;

/// <summary>
/// Candidate chunks for <see cref="CandidateSelector"/>: the policy's chunk perturbed with seeded Gaussian noise
/// N(0, σ²) per element, clipped to [−1, 1] (actions are normalized to [−1, 1], LEARNING.md §1). Candidate 0 is the
/// base chunk itself, so selection can always fall back to the policy's own action. The same seed gives the same
/// candidates, call after call (System.Random's seeded generator, as the simulator's seeds use).
/// </summary>
public sealed class CandidateGenerator
{
    private readonly Random _random;

    /// <param name="seed">Seed of the noise stream.</param>
    /// <param name="noiseStd">σ in normalized action units; 0 gives N copies of the base.</param>
    public CandidateGenerator(int seed, double noiseStd)
    {
        if (!(double.IsFinite(noiseStd) && noiseStd >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "noise σ must be a finite number ≥ 0");
        }

        _random = new Random(seed);
        NoiseStd = noiseStd;
    }

    public double NoiseStd { get; }

    /// <summary>
    /// Fills <paramref name="candidates"/> (N × H × A) from <paramref name="baseChunk"/> (H × A): candidate 0 the
    /// base clipped to [−1, 1], candidates 1 … N − 1 the base plus noise, clipped.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths disagree, or the base chunk holds NaN or ±∞ (named by index).</exception>
    public void Generate(ReadOnlySpan<float> baseChunk, Span<float> candidates)
    {
        if (baseChunk.IsEmpty || candidates.Length % baseChunk.Length != 0 || candidates.IsEmpty)
        {
            throw new ArgumentException(
                $"candidates has {candidates.Length} floats; expected a whole number (≥ 1) of {baseChunk.Length}-float chunks",
                nameof(candidates));
        }

        for (var i = 0; i < baseChunk.Length; i++)
        {
            if (!float.IsFinite(baseChunk[i]))
            {
                throw new ArgumentException(
                    $"baseChunk[{i}] is {baseChunk[i].ToString(CultureInfo.InvariantCulture)}; the base must be finite",
                    nameof(baseChunk));
            }
        }

        for (var i = 0; i < baseChunk.Length; i++)
        {
            candidates[i] = Math.Clamp(baseChunk[i], -1f, 1f);
        }

        for (var i = baseChunk.Length; i < candidates.Length; i++)
        {
            var noisy = baseChunk[i % baseChunk.Length] + (NoiseStd * NextStandardNormal());
            candidates[i] = (float)Math.Clamp(noisy, -1.0, 1.0);
        }
    }

    /// <summary>Box–Muller; two uniforms per sample, so the stream stays aligned whatever σ is.</summary>
    private double NextStandardNormal()
    {
        var u1 = 1.0 - _random.NextDouble(); // (0, 1]: log(0) is not a number
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
