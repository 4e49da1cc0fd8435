using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

[Collection(SyntheticTask.Collection)]
public sealed class RewardContextTests
{
    private static RewardModel Model => SyntheticTask.Trained.Model;

    [Fact]
    public void FrameByFrame_ScoresExactlyAsTheWholeEpisode()
    {
        var episode = SyntheticTask.Success(new Rng(5)).States.ToArray();
        var expected = Model.PredictEpisode(episode);
        var context = new RewardContext(Model);
        var input = new float[context.InputSize];

        // Twice: the second episode must not see the first one's frames.
        for (var round = 0; round < 2; round++)
        {
            context.Reset();
            for (var t = 0; t < expected.Length; t++)
            {
                context.Push(episode.AsSpan(t * Model.StateSize, Model.StateSize));
                context.Write(input);
                var live = Model.Predict(input); // one row vs a batch: the same numbers up to float summation order
                Assert.Equal(expected[t].Stage, live.Stage);
                Assert.Equal(expected[t].Progress, live.Progress, 1e-5f);
                Assert.Equal(expected[t].SuccessProbability, live.SuccessProbability, 1e-5f);
            }
        }
    }

    [Fact]
    public void Context_IsCurrentFirst_ThenEveryStrideBack_TheFirstFrameBeforeTheStart()
    {
        var context = new RewardContext(stateSize: 1, frames: 3, stride: 2);
        var input = new float[3];
        context.Push([10]);
        context.Write(input);
        Assert.Equal([10f, 10f, 10f], input);
        for (var v = 11; v <= 16; v++)
        {
            context.Push([v]);
        }

        context.Write(input);
        Assert.Equal([16f, 14f, 12f], input);
    }

    [Fact]
    public void MisuseIsAClearError()
    {
        var context = new RewardContext(stateSize: 2, frames: 2, stride: 1);
        Assert.Throws<InvalidOperationException>(() => context.Write(new float[4]));
        Assert.Contains("2 values", Assert.Throws<ArgumentException>(() => context.Push([1f])).Message, StringComparison.Ordinal);
        context.Push([1f, 2f]);
        Assert.Contains("4 values", Assert.Throws<ArgumentException>(() => context.Write(new float[3])).Message, StringComparison.Ordinal);
    }
}
