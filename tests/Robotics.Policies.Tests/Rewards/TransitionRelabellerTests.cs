using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;

namespace Robotics.Policies.Tests.Rewards;

[Collection(SyntheticTask.Collection)]
public sealed class TransitionRelabellerTests : IDisposable
{
    private static readonly PotentialShaping Shaping = new(scale: 0.5f, gamma: 0.99f);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"relabeller-{Guid.NewGuid():N}");

    private static RewardModel Model => SyntheticTask.Trained.Model;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void RelabellingAStream_HoweverItIsCut_EqualsShapingItsEpisodesScoredOffline(int cut)
    {
        var success = SyntheticTask.Success(new Rng(21));
        var failure = SyntheticTask.Failure(new Rng(22));
        RewardStep[] steps = [.. Steps(success, terminal: true), .. Steps(failure, terminal: false)];
        float[] expected = [.. Offline(success, terminal: true), .. Offline(failure, terminal: false)];

        var relabeller = new TransitionRelabeller(Model, Shaping);
        var results = RelabelInCuts(relabeller, steps, cut);

        Assert.Equal(0, relabeller.Quarantined);
        for (var i = 0; i < steps.Length; i++)
        {
            Assert.False(results[i].Quarantined);
            Assert.Equal(expected[i], results[i].Reward, 1e-5f); // batch shapes differ: float summation order only
        }

        // A segment starts at each episode's first step, nowhere else.
        Assert.Equal([0, success.Length - 1], Enumerable.Range(0, steps.Length).Where(i => results[i].StartsSegment));
    }

    [Fact]
    public void ATrueTerminal_ZeroesTheNextPotential_ATimeLimitKeepsIt()
    {
        var episode = SyntheticTask.Success(new Rng(23));
        var terminal = Relabel(new TransitionRelabeller(Model, Shaping), Steps(episode, terminal: true));
        var cut = Relabel(new TransitionRelabeller(Model, Shaping), Steps(episode, terminal: false));
        var last = episode.Length - 2;
        var phi = Model.PredictEpisode(episode.States.Span);

        // r′ = r + λ(γΦ(s′) − Φ(s)): the success step gets r = 1 and Φ(s′) := 0; the cut step r = 0 and Φ(s′) kept.
        Assert.Equal(1 - (0.5f * phi[last].Progress), terminal[last].Reward, 1e-5f);
        Assert.Equal(0.5f * ((0.99f * phi[last + 1].Progress) - phi[last].Progress), cut[last].Reward, 1e-5f);
        Assert.True(phi[last + 1].Progress > 0.5f, "the model must see the success state as far along for this test to mean anything");
        Assert.Equal(terminal[..last].Select(r => r.Reward), cut[..last].Select(r => r.Reward));
    }

    [Fact]
    public void ANaNFrame_QuarantinesExactlyTheStepsWhoseContextHoldsIt()
    {
        var episode = SyntheticTask.Success(new Rng(12));
        var states = episode.States.ToArray();
        states[5] = float.NaN;
        var steps = Steps(states, terminal: true);
        var expected = Offline(episode, terminal: true);

        var relabeller = new TransitionRelabeller(Model, Shaping);
        var results = Relabel(relabeller, steps);

        // Frames 5, 8, 11 and 14 cannot be scored (4 frames, stride 3: RewardModelTests); step t needs frames t and t + 1.
        int[] quarantined = [4, 5, 7, 8, 10, 11, 13, 14];
        Assert.Equal(quarantined, Enumerable.Range(0, results.Length).Where(i => results[i].Quarantined));
        Assert.Equal(quarantined.Length, relabeller.Quarantined);
        Assert.All(quarantined, i => Assert.True(float.IsNaN(results[i].Reward)));
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(expected[i], results[i].Reward, 1e-5f));
    }

    [Fact]
    public void CorruptWeights_QuarantineEveryStep_NoRewardIsMadeUp()
    {
        Model.Save(_directory);
        var corrupt = RewardModel.Load(_directory);
        corrupt.Network.Parameters[0].Value[0] = float.NaN;
        var steps = Steps(SyntheticTask.Success(new Rng(24)), terminal: true);

        var relabeller = new TransitionRelabeller(corrupt, Shaping);
        var valid = relabeller.Relabel(steps, new RelabelledStep[steps.Length]);

        Assert.Equal(0, valid);
        Assert.Equal(steps.Length, relabeller.Quarantined);
    }

    [Fact]
    public void AStepThatDoesNotContinueTheLastOne_StartsAfresh_AndMisshapenFramesAreQuarantined()
    {
        var first = Steps(SyntheticTask.Success(new Rng(25)), terminal: true);
        var second = Steps(SyntheticTask.Success(new Rng(26)), terminal: true);
        var relabeller = new TransitionRelabeller(Model, Shaping);
        // The first episode stops mid-way without an end (a lost batch); the second follows: not one episode.
        Relabel(relabeller, first[..10]);
        var joined = Relabel(relabeller, second);
        var alone = Relabel(new TransitionRelabeller(Model, Shaping), second);
        Assert.True(joined[0].StartsSegment);
        Assert.Equal(alone.Select(r => r.Reward), joined.Select(r => r.Reward));

        RewardStep[] misshapen = [second[0] with { Frame = new float[3] }, second[1], default];
        var results = Relabel(relabeller, misshapen);
        Assert.True(results[0].Quarantined && results[2].Quarantined);
        Assert.True(results[1].StartsSegment && !results[1].Quarantined);
        Assert.Equal(2, relabeller.Quarantined);
    }

    private static RelabelledStep[] RelabelInCuts(TransitionRelabeller relabeller, RewardStep[] steps, int cut)
    {
        var results = new RelabelledStep[steps.Length];
        for (var start = 0; start < steps.Length; start += cut)
        {
            var n = Math.Min(cut, steps.Length - start);
            relabeller.Relabel(steps[start..(start + n)], results.AsSpan(start, n));
        }

        return results;
    }

    private static RelabelledStep[] Relabel(TransitionRelabeller relabeller, RewardStep[] steps)
    {
        var results = new RelabelledStep[steps.Length];
        relabeller.Relabel(steps, results);
        return results;
    }

    private static RewardStep[] Steps(RewardEpisode episode, bool terminal) => Steps(episode.States.ToArray(), terminal);

    /// <summary>The episode's T − 1 steps; the last one ends it in success (r = 1, terminal) or at the time limit.</summary>
    private static RewardStep[] Steps(float[] states, bool terminal)
    {
        var frames = states.Length / Model.StateSize;
        return [.. Enumerable.Range(0, frames - 1).Select(t =>
        {
            var last = t == frames - 2;
            return new RewardStep(Frame(states, t), Frame(states, t + 1), last && terminal ? 1 : 0, last && terminal, last && !terminal);
        })];
    }

    private static float[] Frame(float[] states, int t) => states.AsSpan(t * Model.StateSize, Model.StateSize).ToArray();

    private static float[] Offline(RewardEpisode episode, bool terminal)
    {
        var phi = Model.PredictEpisode(episode.States.Span);
        return [.. Enumerable.Range(0, phi.Length - 1).Select(t =>
        {
            var last = t == phi.Length - 2;
            return Shaping.Shape(last && terminal ? 1 : 0, phi[t].Progress, phi[t + 1].Progress, last && terminal);
        })];
    }
}
