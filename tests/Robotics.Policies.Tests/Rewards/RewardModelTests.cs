using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

[Collection(SyntheticTask.Collection)]
public sealed class RewardModelTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"reward-model-{Guid.NewGuid():N}");

    private static RewardModel Model => SyntheticTask.Trained.Model;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void SaveLoad_RoundTrip_PredictsIdentically()
    {
        Model.Save(_directory);
        var loaded = RewardModel.Load(_directory);
        Assert.Equal(Model.StageFractions, loaded.StageFractions);
        Assert.Equal((Model.Stages, Model.StateSize, Model.ContextFrames, Model.ContextStride), (loaded.Stages, loaded.StateSize, loaded.ContextFrames, loaded.ContextStride));
        var episode = SyntheticTask.Success(new Rng(11));
        Assert.Equal(Model.PredictEpisode(episode.States.Span), loaded.PredictEpisode(episode.States.Span));
        var (a, b) = (SyntheticTask.Input(Model, 0.2f), SyntheticTask.Input(Model, 0.9f));
        Assert.True(Model.TryPredictPairwise(a, b, out var expected));
        Assert.True(loaded.TryPredictPairwise(a, b, out var actual));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Load_MissingOrBrokenFiles_SayWhich()
    {
        Assert.Contains("reward.json", Assert.Throws<InvalidDataException>(() => RewardModel.Load(_directory)).Message);
        Model.Save(_directory);
        var sidecar = Path.Combine(_directory, "reward.json");
        File.WriteAllText(sidecar, File.ReadAllText(sidecar).Replace("\"stages\": 3", "\"stages\": 4", StringComparison.Ordinal));
        Assert.Contains("stage_fractions", Assert.Throws<InvalidDataException>(() => RewardModel.Load(_directory)).Message);
        Model.Save(_directory);
        File.Delete(Path.Combine(_directory, "reward_pairwise.rnet"));
        Assert.Contains("reward_pairwise.rnet", Assert.Throws<InvalidDataException>(() => RewardModel.Load(_directory)).Message);
    }

    [Fact]
    public void NonFiniteInput_IsNeverScored()
    {
        var (nan, infinite) = (SyntheticTask.Input(Model, 0.5f), SyntheticTask.Input(Model, 0.5f));
        (nan[0], infinite[^1]) = (float.NaN, float.PositiveInfinity);
        Assert.Throws<ArgumentException>(() => Model.Predict(nan));
        Assert.False(Model.TryPredict(infinite, out var prediction));
        Assert.False(prediction.IsValid);
        Assert.True(float.IsNaN(prediction.Progress));
        Assert.False(Model.TryPredictPairwise(nan, SyntheticTask.Input(Model, 0.5f), out var delta));
        Assert.True(float.IsNaN(delta));
    }

    [Fact]
    public void Batch_MarksOnlyTheNonFiniteRowInvalid_AndAgreesWithSingleRows()
    {
        var width = Model.InputSize;
        float[] rows = [.. SyntheticTask.Input(Model, 0.1f), .. SyntheticTask.Input(Model, 0.4f), .. SyntheticTask.Input(Model, 0.9f)];
        rows[width + 1] = float.NaN;
        var predictions = new RewardPrediction[3];
        Assert.Equal(2, Model.PredictBatch(rows, predictions));
        Assert.False(predictions[1].IsValid);
        Assert.Equal(Model.Predict(rows.AsSpan(0, width)), predictions[0]);
        Assert.Equal(Model.Predict(rows.AsSpan(2 * width, width)), predictions[2]);
        var episode = SyntheticTask.Success(new Rng(12)).States.ToArray();
        episode[5] = float.NaN;
        var scored = Model.PredictEpisode(episode);
        // Frame 5 is in the context of frames 5, 8, 11 and 14 (4 frames, stride 3); the rest are scored.
        Assert.Equal([5, 8, 11, 14], Enumerable.Range(0, scored.Length).Where(t => !scored[t].IsValid));
    }

    [Fact]
    public void CorruptWeights_GiveAnInvalidResult_NotANumber()
    {
        Model.Save(_directory);
        var broken = RewardModel.Load(_directory);
        broken.Network.Parameters[^1].Value[0] = float.NaN; // the output bias of the first stage logit
        var input = SyntheticTask.Input(Model, 0.5f);
        Assert.False(broken.TryPredict(input, out var prediction));
        Assert.False(prediction.IsValid);
        Assert.Throws<InvalidOperationException>(() => broken.Predict(input));
    }

    [Fact]
    public void Predictions_AreWellFormed()
    {
        var prediction = Model.Predict(SyntheticTask.Input(Model, 0.5f));
        Assert.True(prediction.IsValid);
        Assert.InRange(prediction.Progress, 0, 1);
        Assert.InRange(prediction.Stage, 0, 2);
        Assert.InRange(prediction.SuccessProbability, 0, 1);
        Assert.Equal(1, Model.StageFractions.Sum(), 9);
        Assert.Throws<ArgumentException>(() => Model.Predict([0.5f]));
    }

    [Fact]
    public void ExportOnnx_FoldsTheNormalizerIntoTheFirstLayer()
    {
        // The ONNX graph takes raw frames: the folded network on raw inputs must equal the network on normalized ones.
        float[] raw = [.. SyntheticTask.Input(Model, 0.2f), .. SyntheticTask.Input(Model, 0.7f), .. SyntheticTask.Input(Model, 0.95f)];
        var folded = Model.FoldNormalizer(Model.Network, 1).Forward(raw, 3).ToArray();
        var normalized = raw.Select((x, i) => (float)((x - Model.StateMean[0]) / Math.Max(Model.StateStd[0], 0.1))).ToArray();
        var expected = Model.Network.Forward(normalized, 3).ToArray();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], folded[i], 4);
        }

        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "reward.onnx");
        Model.ExportOnnx(path);
        Model.ExportPairwiseOnnx(Path.Combine(_directory, "pairwise.onnx"));
        Assert.True(new FileInfo(path).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(_directory, "pairwise.onnx")).Length > 1000);
    }
}
