using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

[Collection(SyntheticTask.Collection)]
public class RewardModelTrainerTests
{
    private static readonly RewardEpisode[] HeldOut = SyntheticTask.Episodes(new Rng(99), 20, 20);
    private static readonly RewardEpisode[] HeldOutSuccesses = [.. HeldOut.Where(e => e.Success)];
    private static readonly RewardEpisode[] HeldOutFailures = [.. HeldOut.Where(e => !e.Success)];

    private static RewardModel Model => SyntheticTask.Trained.Model;

    [Fact]
    public void ValidationLoss_Falls()
    {
        var curve = SyntheticTask.Trained.Curve;
        Assert.Equal(15, curve.Count);
        Assert.True(curve[^1].ValidationLoss < 0.5 * curve[0].ValidationLoss, $"validation loss {curve[0].ValidationLoss} → {curve[^1].ValidationLoss}");
        // The pair target depends on the episode's length and speed, which no pair of frames shows: it cannot reach 0.
        Assert.True(curve[^1].PairwiseLoss < 0.06, $"pairwise MSE {curve[^1].PairwiseLoss}");
    }

    [Fact]
    public void HeldOutSuccesses_ProgressRisesWithTime_VocAtLeast09()
    {
        var voc = RewardMetrics.ValueOrderCorrelation([.. HeldOutSuccesses.Select(e => SyntheticTask.Progress(Model.PredictEpisode(e.States.Span)))]);
        Assert.True(voc >= 0.9, $"VOC {voc}");
    }

    [Fact]
    public void HeldOutRollouts_PredictedProgressTracksTheTruth()
    {
        RewardEpisode[] rollouts = [.. HeldOutSuccesses, .. HeldOutFailures];
        var fractions = Model.StageFractions.ToArray();
        var predicted = rollouts.Select(e => SyntheticTask.Progress(Model.PredictEpisode(e.States.Span))).ToArray();
        var truth = rollouts.Select(e => StageProgress.Targets(e, fractions)).ToArray();
        var rho = RewardMetrics.RolloutCorrelation(predicted, truth);
        var order = RewardMetrics.PairwiseOrderAccuracy(predicted, truth);
        Assert.True(rho >= 0.9, $"rollout ρ {rho}");
        Assert.True(order >= 0.9, $"pairwise order accuracy {order}");
    }

    [Fact]
    public void SuccessHead_SeparatesLastFramesOfSuccessesFromFailures_AurocAtLeast095()
    {
        RewardEpisode[] rollouts = [.. HeldOutSuccesses, .. HeldOutFailures];
        var scores = rollouts.Select(e => (double)Model.PredictEpisode(e.States.Span)[^1].SuccessProbability).ToArray();
        var auroc = RewardMetrics.Auroc(scores, [.. rollouts.Select(e => e.Success)]);
        Assert.True(auroc >= 0.95, $"AUROC {auroc}");
    }

    [Fact]
    public void OnAReversedSequence_ProgressGoesDown_WhichTakesRewindAugmentation()
    {
        // The model sees 4 frames 3 apart, so it can tell motion from position. Trained only forward, it learns that
        // history and reads a success played backwards wrongly; rewinding (SARM) showed it motion in reverse.
        var withRewind = Reversed(Model);
        var withoutRewind = Reversed(RewardModelTrainer.Train(SyntheticTask.Episodes(new Rng(1), 60, 40), SyntheticTask.Options with { RewindProbability = 0 }).Model);
        Assert.True(withRewind.Voc <= -0.95, $"VOC of reversed successes {withRewind.Voc}");
        Assert.True(withRewind.Error < 0.03, $"mean |φ − truth| on reversed successes {withRewind.Error}");
        Assert.True(withoutRewind.Error > 2 * withRewind.Error, $"without rewind {withoutRewind.Error}, with {withRewind.Error}");
    }

    [Fact]
    public void PairwiseHead_OrdersFramesOfAnEpisode()
    {
        var (right, pairs) = (0, 0);
        foreach (var episode in HeldOutSuccesses)
        {
            var inputs = ContextRows(episode);
            var last = episode.Length - 1;
            for (var i = 0; i < last; i += 3)
            {
                Assert.True(Model.TryPredictPairwise(inputs[i], inputs[last], out var forward));
                Assert.True(Model.TryPredictPairwise(inputs[last], inputs[i], out var backward));
                right += (forward > 0 ? 1 : 0) + (backward < 0 ? 1 : 0);
                pairs += 2;
            }
        }

        Assert.True(right >= 0.95 * pairs, $"{right} of {pairs} pairs ordered");
    }

    [Fact]
    public void SameSeed_SameModel_BitForBit()
    {
        var episodes = SyntheticTask.Episodes(new Rng(3), 6, 4);
        var options = SyntheticTask.Options with { Steps = 30, EvaluateEvery = 10 };
        var a = RewardModelTrainer.Train(episodes, options);
        var b = RewardModelTrainer.Train(episodes, options);
        Assert.Equal(a.Curve, b.Curve);
        for (var i = 0; i < a.Model.Network.Parameters.Count; i++)
        {
            Assert.Equal(a.Model.Network.Parameters[i].Value, b.Model.Network.Parameters[i].Value);
        }
    }

    [Fact]
    public void BadInputs_AreRefused()
    {
        var episodes = SyntheticTask.Episodes(new Rng(4), 2, 2);
        Assert.Throws<ArgumentException>(() => RewardModelTrainer.Train([], SyntheticTask.Options));
        Assert.Throws<ArgumentException>(() => RewardModelTrainer.Train([.. episodes.Where(e => !e.Success)], SyntheticTask.Options));
        Assert.Throws<ArgumentException>(() => RewardModelTrainer.Train(episodes, SyntheticTask.Options with { Stages = 2 }));
        Assert.Throws<ArgumentException>(() => RewardModelTrainer.Train([.. episodes, new RewardEpisode([0, 0], 2, [0], [0], success: true)], SyntheticTask.Options));
    }

    private static (double Voc, double Error) Reversed(RewardModel model)
    {
        var fractions = model.StageFractions.ToArray();
        var (voc, error, frames) = (0.0, 0.0, 0);
        foreach (var episode in HeldOutSuccesses)
        {
            var predicted = SyntheticTask.Progress(model.PredictEpisode(SyntheticTask.Reversed(episode)));
            var truth = StageProgress.Targets(episode, fractions).Reverse().ToArray();
            voc += RewardMetrics.ValueOrderCorrelation([predicted]) / HeldOutSuccesses.Length;
            error += predicted.Zip(truth, (p, t) => Math.Abs(p - t)).Sum();
            frames += predicted.Length;
        }

        return (voc, error / frames);
    }

    private static float[][] ContextRows(RewardEpisode episode)
    {
        var states = episode.States.ToArray();
        return [.. Enumerable.Range(0, episode.Length).Select(t =>
        {
            var row = new float[Model.InputSize];
            RewardInputs.Context(states, 1, t, Model.ContextFrames, Model.ContextStride, row);
            return row;
        })];
    }
}
