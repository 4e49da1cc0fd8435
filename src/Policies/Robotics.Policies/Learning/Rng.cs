using System.Numerics;

namespace Robotics.Policies.Learning;

/// <summary>
/// Deterministic random numbers: xoshiro256** (Blackman and Vigna 2018, public-domain reference prng.di.unimi.it)
/// seeded through SplitMix64, as the authors recommend. The same seed yields the same bits on every machine: integer
/// arithmetic only, normals by Marsaglia's polar method with <see cref="DeterministicMath.Log"/> instead of the CRT.
/// Not thread-safe; give each thread its own (<see cref="Split"/>).
/// </summary>
public sealed class Rng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Starts the stream for <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        var x = seed;
        (_s0, _s1, _s2, _s3) = (SplitMix64(ref x), SplitMix64(ref x), SplitMix64(ref x), SplitMix64(ref x));
    }

    /// <summary>Resumes a stream saved with <see cref="State"/>.</summary>
    public Rng(RngState state)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
        {
            throw new ArgumentException("An all-zero xoshiro256** state is a fixed point (it only yields zeros).", nameof(state));
        }

        (_s0, _s1, _s2, _s3) = (state.S0, state.S1, state.S2, state.S3);
    }

    /// <summary>The current state; <c>new Rng(State)</c> continues with the same numbers.</summary>
    public RngState State => new(_s0, _s1, _s2, _s3);

    /// <summary>64 uniformly random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>32 uniformly random bits (the high half of <see cref="NextUInt64"/>, the better half for xoshiro).</summary>
    public uint NextUInt32() => (uint)(NextUInt64() >> 32);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public float Uniform(float min, float max)
    {
        ValidateRange(min, max);
        return min + ((max - min) * NextFloat());
    }

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)Below((uint)maxExclusive);
    }

    /// <summary>Uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        if (minInclusive >= maxExclusive)
        {
            throw new ArgumentException($"NextInt needs min < max, got [{minInclusive}, {maxExclusive}).");
        }

        return (int)(minInclusive + (long)Below((uint)((long)maxExclusive - minInclusive)));
    }

    /// <summary>A standard normal draw (Marsaglia polar method; the pair's second value is dropped to keep the state four words).</summary>
    public double NextGaussian()
    {
        while (true)
        {
            var u = (2 * NextDouble()) - 1;
            var v = (2 * NextDouble()) - 1;
            var s = (u * u) + (v * v);
            if (s > 0 && s < 1)
            {
                return u * Math.Sqrt(-2 * DeterministicMath.Log(s) / s);
            }
        }
    }

    /// <summary>Normal with the given mean and standard deviation.</summary>
    public float Normal(float mean = 0, float std = 1) => (float)(mean + (std * NextGaussian()));

    /// <summary>
    /// Normal(mean, std) restricted to [<paramref name="min"/>, <paramref name="max"/>] (absolute bounds, as PyTorch's
    /// <c>trunc_normal_</c>): plain rejection, then, if 32 draws miss (an interval far in a tail), uniform proposals
    /// accepted with the normal density ratio, which always terminates.
    /// </summary>
    public float TruncatedNormal(float mean, float std, float min, float max)
    {
        if (!float.IsFinite(mean) || !(std > 0) || !float.IsFinite(std) || !float.IsFinite(min) || !float.IsFinite(max) || min > max)
        {
            throw new ArgumentException($"TruncatedNormal needs finite mean, std > 0 and min ≤ max, got N({mean}, {std}²) on [{min}, {max}].");
        }

        for (var i = 0; i < 32; i++)
        {
            var x = Normal(mean, std);
            if (x >= min && x <= max)
            {
                return x;
            }
        }

        // Density ratio against the interval's point nearest the mean: exp(−(z² − z₀²)/2) ≥ u  ⇔  −(z² − z₀²)/2 ≥ ln u.
        var nearest = (Math.Clamp(mean, min, max) - (double)mean) / std;
        while (true)
        {
            var x = Uniform(min, max);
            var z = (x - (double)mean) / std;
            var u = 1 - NextDouble();
            if (-((z * z) - (nearest * nearest)) / 2 >= DeterministicMath.Log(u))
            {
                return x;
            }
        }
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Fills with uniform draws in [min, max].</summary>
    public void FillUniform(Span<float> destination, float min, float max)
    {
        ValidateRange(min, max);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = min + ((max - min) * NextFloat());
        }
    }

    /// <summary>Fills with normal draws.</summary>
    public void FillNormal(Span<float> destination, float mean, float std)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Normal(mean, std);
        }
    }

    /// <summary>A new generator seeded from this one: independent streams for threads or environments, still reproducible.</summary>
    public Rng Split() => new(NextUInt64());

    /// <summary>Unbiased integer in [0, range) by Lemire's multiply-and-reject (ACM TOMACS 2019).</summary>
    private uint Below(uint range)
    {
        var product = (ulong)NextUInt32() * range;
        if ((uint)product < range)
        {
            var threshold = (0u - range) % range;
            while ((uint)product < threshold)
            {
                product = (ulong)NextUInt32() * range;
            }
        }

        return (uint)(product >> 32);
    }

    private static void ValidateRange(float min, float max)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || min > max)
        {
            throw new ArgumentException($"Uniform needs finite min ≤ max, got [{min}, {max}].");
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
