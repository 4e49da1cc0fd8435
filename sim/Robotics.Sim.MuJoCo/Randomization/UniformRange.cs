namespace Robotics.Sim.MuJoCo.Randomization;

/// <summary>A closed interval sampled uniformly; <see cref="Fixed"/> for a constant.</summary>
public readonly record struct UniformRange
{
    public UniformRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentException($"a range needs finite bounds with min <= max, not [{min}, {max}]");
        }

        (Min, Max) = (min, max);
    }

    public double Min { get; }

    public double Max { get; }

    public static UniformRange Fixed(double value) => new(value, value);

    /// <summary>A sample; draws from <paramref name="random"/> even for a fixed range, so the stream's position never depends on the options.</summary>
    public double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Min + ((Max - Min) * random.NextDouble());
    }

    public override string ToString() => Min == Max ? $"{Min}" : $"[{Min}, {Max}]";
}
