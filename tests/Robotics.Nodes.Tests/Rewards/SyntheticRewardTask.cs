using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Nodes.Tests.Rewards;

/// <summary>
/// A task small enough to train a reward model in about a second: an object coordinate x goes from 0 to 1 through three
/// stages of 5 to 14 frames each, a joint j follows it (j = 0.5·x), so a frame is [joint_states/j,
/// environment_state/x] as the graph composes it. Failures stall where they stopped until the time limit.
/// </summary>
internal static class SyntheticRewardTask
{
    public static readonly string[] Features = ["joint_states/j", "environment_state/x"];

    private static readonly Lazy<RewardModel> TrainedModel = new(() =>
    {
        var rng = new Rng(3);
        RewardEpisode[] episodes = [.. Enumerable.Range(0, 30).Select(_ => Success(rng)), .. Enumerable.Range(0, 15).Select(_ => Failure(rng))];
        var options = new RewardModelOptions(3) { Hidden = [16, 16], BatchSize = 64, Steps = 600, LearningRate = 3e-3f, ContextFrames = 2, ContextStride = 2, ValidationFraction = 0, EvaluateEvery = 600, Seed = 5 };
        return RewardModelTrainer.Train(episodes, options).Model;
    });

    /// <summary>One model for the test class (not thread-safe: its tests run one at a time).</summary>
    public static RewardModel Model => TrainedModel.Value;

    /// <summary>x of each frame of a successful episode ([T] values; frame t is [0.5·x, x]).</summary>
    public static float[] SuccessPath(Rng rng) => SuccessPath(rng, []);

    private static float[] SuccessPath(Rng rng, List<int> stageStarts)
    {
        var x = new List<float>();
        for (var k = 0; k < 3; k++)
        {
            stageStarts.Add(x.Count);
            var frames = rng.NextInt(5, 15);
            for (var i = 0; i < frames; i++)
            {
                x.Add((k + ((float)i / frames)) / 3);
            }
        }

        x.Add(1);
        return [.. x];
    }

    public static float[] Frames(ReadOnlySpan<float> path)
    {
        var frames = new float[2 * path.Length];
        for (var t = 0; t < path.Length; t++)
        {
            (frames[2 * t], frames[(2 * t) + 1]) = (0.5f * path[t], path[t]);
        }

        return frames;
    }

    private static RewardEpisode Success(Rng rng)
    {
        var starts = new List<int>();
        var path = SuccessPath(rng, starts);
        return RewardEpisode.FromStageEvents(Frames(path), 2, starts, success: true);
    }

    private static RewardEpisode Failure(Rng rng)
    {
        var full = Success(rng);
        var stop = rng.NextInt(3, full.Length - 5);
        var clipped = full.ClipAt(stop);
        var stall = rng.NextInt(5, 15);
        var states = new List<float>(clipped.States.ToArray());
        var stages = new List<int>(clipped.Stages.ToArray());
        var taus = new List<float>(clipped.StageProgress.ToArray());
        for (var i = 0; i < stall; i++)
        {
            states.AddRange(clipped.State(stop - 1).ToArray());
            stages.Add(stages[^1]);
            taus.Add(taus[^1]);
        }

        return new RewardEpisode([.. states], 2, [.. stages], [.. taus], success: false, timeLimited: true);
    }
}
