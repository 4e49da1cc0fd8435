namespace Robotics.Sim.MuJoCo.Randomization;

/// <summary>
/// Independent random streams from one episode seed: initial poses, domain randomization, sensor noise and the
/// expert each draw from their own stream, so the same seed gives the same scene whatever the randomization or shift
/// (nominal and shifted evaluations are paired episode by episode) and no stream mirrors another.
/// </summary>
public static class Seeds
{
    public const int Scene = 0;
    public const int Randomization = 1;
    public const int SensorNoise = 2;
    public const int Expert = 3;

    /// <summary>A seed for <paramref name="stream"/> of episode <paramref name="seed"/> (SplitMix64's finalizer, Steele et al. 2014).</summary>
    public static int Derive(int seed, int stream)
    {
        var z = ((ulong)(uint)seed << 32) | (uint)stream;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>A normal sample (Box-Muller); always draws two uniforms, so streams stay aligned whatever the std.</summary>
    public static double NextGaussian(this Random random, double std)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble(); // (0, 1]: log(0) is not a number
        var u2 = random.NextDouble();
        return std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
