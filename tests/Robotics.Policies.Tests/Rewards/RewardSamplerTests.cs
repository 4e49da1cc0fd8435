using Robotics.Policies.Contract;
using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

public class RewardSamplerTests
{
    [Fact]
    public void Context_RunsBackPastTheTurnAndRepeatsTheFirstFrame()
    {
        float[] states = [0, 1, 2, 3, 4, 5];
        var context = new float[3];
        RewardInputs.Context(states, 1, 7, 3, 1, context, turn: 4); // positions 7, 6, 5 are frames 1, 2, 3
        Assert.Equal([1f, 2, 3], context);
        RewardInputs.Context(states, 1, 1, 3, 2, context); // positions 1, −1, −3 → frames 1, 0, 0
        Assert.Equal([1f, 0, 0], context);
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(0.0, -1)]
    public void RewoundRows_SeeLaterFramesBehindThem_AndCopyTheTargetsOfTheirFrame(double rewind, int previousMinusCurrent)
    {
        // State = frame index (identity normalizer), τ = frame/100, so each row's targets name the frame they copy.
        var frames = Enumerable.Range(0, 30).Select(t => (float)t).ToArray();
        var episode = new RewardEpisode(frames, 1, new int[30], [.. frames.Select(t => t / 100)], success: true);
        var prepared = new PreparedEpisode(episode, new Normalizer([0.0], [1.0], [], []), 0.1);
        var options = new RewardModelOptions(1) { ContextFrames = 2, RewindProbability = rewind };
        var sampler = new RewardSampler([prepared], options, new Rng(5));
        const int batch = 200;
        var (inputs, stages, taus, success) = (new float[batch * 2], new int[batch], new float[batch], new float[batch]);
        sampler.Sample(batch, inputs, stages, taus, success, default, default);
        for (var r = 0; r < batch; r++)
        {
            var (current, previous) = (inputs[2 * r], inputs[(2 * r) + 1]);
            Assert.Equal(current / 100, taus[r], 6);
            Assert.Equal(current >= 27 ? 1 : 0, success[r]); // the last 10 % of 30 frames
            Assert.True(previous - current == previousMinusCurrent || (rewind == 0 && current == 0 && previous == 0), $"row {r}: {current} after {previous}");
        }
    }

    [Fact]
    public void PairTargets_AreTheClippedShareOfTheRemainingEpisode()
    {
        Assert.Equal(0.5f, RewardSampler.PairTarget(2, 6, 10), 6); // (6 − 2)/(10 − 2)
        Assert.Equal(-0.25f, RewardSampler.PairTarget(2, 0, 10), 6);
        Assert.Equal(-1f, RewardSampler.PairTarget(9, 0, 10), 6); // −9/1 clipped
    }
}
