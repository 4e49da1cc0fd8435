using Robotics.Sim.MuJoCo.Randomization;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Tests.Tasks;

/// <summary>Runs many episodes and reports success rates the way the benchmarks count them (seeds 0..n-1).</summary>
internal static class TaskRuns
{
    public const int Episodes = 100;

    /// <summary>Demonstration settings: target noise in joint units and speed 0.8x-1.25x per episode.</summary>
    public static ExpertOptions Demonstrations(double noiseStd) => new() { TargetNoiseStd = noiseStd, SpeedFactor = new UniformRange(0.8, 1.25) };

    public static IReadOnlyList<EpisodeResult> Run(SimTask task, ITaskPolicy policy, int episodes = Episodes)
    {
        var results = new EpisodeResult[episodes];
        for (var seed = 0; seed < episodes; seed++)
        {
            results[seed] = EpisodeRunner.Run(task, policy, seed);
        }

        return results;
    }

    public static double Rate(IReadOnlyList<EpisodeResult> results) => (double)results.Count(r => r.Success) / results.Count;

    public static string Describe(string what, IReadOnlyList<EpisodeResult> results)
    {
        var failed = results.Where(r => !r.Success).Select(r => r.Seed).ToArray();
        var successes = results.Where(r => r.Success).ToArray();
        var meanTime = successes.Length == 0 ? 0 : successes.Average(r => r.TimeSeconds);
        return $"{what}: {results.Count - failed.Length}/{results.Count} succeeded ({Rate(results):P0}), mean success time {meanTime:F2} s"
            + (failed.Length == 0 ? string.Empty : $"; failed seeds {string.Join(", ", failed.Take(20))}");
    }
}
