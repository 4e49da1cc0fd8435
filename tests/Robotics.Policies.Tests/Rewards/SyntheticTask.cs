using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

/// <summary>
/// A 1-D task: the state x moves from 0 to 1 through three stages (boundaries 1/3 and 2/3), each stage taking 6 to 24
/// frames, so speed varies per stage and per episode; x carries noise of 0.003. Failures either stop early (a success
/// cut before x = 0.8) or stall: stay near the point they reached until the time limit.
/// </summary>
internal static class SyntheticTask
{
    /// <summary>The test classes that share <see cref="Trained"/> run one at a time: a model is not thread-safe.</summary>
    public const string Collection = "trained synthetic reward model";

    public static RewardModelOptions Options { get; } = new(3)
    {
        Hidden = [32, 32],
        BatchSize = 64,
        Steps = 1500,
        LearningRate = 1e-3f,
        ContextFrames = 4,
        ContextStride = 3,
        PairwiseHead = true,
        EvaluateEvery = 100,
        Seed = 7,
    };

    private static readonly Lazy<RewardTrainingResult> TrainedModel = new(() => RewardModelTrainer.Train(Episodes(new Rng(1), 60, 40), Options));

    /// <summary>One model trained once for all the tests that only read it.</summary>
    public static RewardTrainingResult Trained => TrainedModel.Value;

    public static RewardEpisode[] Episodes(Rng rng, int successes, int failures) =>
        [.. Enumerable.Range(0, successes).Select(_ => Success(rng)), .. Enumerable.Range(0, failures).Select(_ => Failure(rng))];

    public static RewardEpisode Success(Rng rng)
    {
        var states = new List<float>();
        var starts = new List<int>();
        for (var k = 0; k < 3; k++)
        {
            starts.Add(states.Count);
            var frames = rng.NextInt(6, 25);
            for (var i = 0; i < frames; i++)
            {
                states.Add((k + ((float)i / frames)) / 3);
            }
        }

        states.Add(1);
        return RewardEpisode.FromStageEvents([.. states.Select(x => x + rng.Normal(0, 0.003f))], 1, starts, success: true);
    }

    public static RewardEpisode Failure(Rng rng)
    {
        var full = Success(rng);
        var stopAt = rng.Uniform(0.15f, 0.8f);
        var states = full.States.Span;
        var length = 1;
        while (states[length] < stopAt)
        {
            length++;
        }

        var clipped = full.ClipAt(length);
        if (rng.NextDouble() < 0.5)
        {
            return clipped;
        }

        var stall = rng.NextInt(10, 30);
        var x = new List<float>(clipped.States.ToArray());
        var stages = new List<int>(clipped.Stages.ToArray());
        var taus = new List<float>(clipped.StageProgress.ToArray());
        for (var i = 0; i < stall; i++)
        {
            x.Add(x[length - 1] + rng.Normal(0, 0.003f));
            stages.Add(stages[length - 1]);
            taus.Add(taus[length - 1]);
        }

        return new RewardEpisode([.. x], 1, [.. stages], [.. taus], success: false, timeLimited: true);
    }

    public static double[] Progress(RewardPrediction[] predictions) => [.. predictions.Select(p => (double)p.Progress)];

    /// <summary>An input row of <paramref name="model"/> for a robot at <paramref name="x"/> moving forward at 0.01 a frame.</summary>
    public static float[] Input(RewardModel model, float x) => [.. Enumerable.Range(0, model.ContextFrames).Select(c => x - (0.01f * model.ContextStride * c))];

    public static float[] Reversed(RewardEpisode episode) => [.. episode.States.ToArray().Reverse()];
}
