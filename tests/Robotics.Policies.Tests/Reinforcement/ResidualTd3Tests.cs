using Robotics.Policies.Learning;
using Robotics.Policies.Reinforcement;

namespace Robotics.Policies.Tests.Reinforcement;

public sealed class ResidualTd3Tests
{
    [Fact]
    public void FreshActor_ExecutesTheBaseExactly_AndNoiseStaysWithinAlpha()
    {
        var actor = new ResidualActor(3, 2, [16, 16], alpha: 0.1f, new Rng(1));
        var rng = new Rng(2);
        var (residual, executed) = (new float[2], new float[2]);
        for (var i = 0; i < 200; i++)
        {
            float[] input = [rng.Uniform(-1, 1), rng.Uniform(-1, 1), rng.Uniform(-1, 1), rng.Uniform(-0.95f, 0.95f), rng.Uniform(-1, 1)];
            Assert.True(actor.Act(input, residual, executed));
            Assert.Equal(input[3..], executed);
            Assert.Equal([0f, 0f], residual);

            Assert.True(actor.Act(input, residual, executed, rng, noiseStd: 0.5f));
            Assert.All(residual, r => Assert.InRange(r, -0.1f - 1e-6f, 0.1f + 1e-6f));
            Assert.All(executed, e => Assert.InRange(e, -1f, 1f));
        }
    }

    [Fact]
    public void Actor_NonFiniteInput_IsRefusedAndNothingWritten()
    {
        var actor = new ResidualActor(1, 1, [8], alpha: 0.1f, new Rng(1));
        var (residual, executed) = (new[] { 7f }, new[] { 7f });
        Assert.False(actor.Act([float.NaN, 0.2f], residual, executed));
        Assert.False(actor.Act([0.1f, float.PositiveInfinity], residual, executed));
        Assert.Equal(7f, residual[0]);
        Assert.Equal(7f, executed[0]);
    }

    [Fact]
    public void Options_Invalid_AreRejectedNamingTheField()
    {
        Assert.Contains("Alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new ResidualTd3Options { Alpha = 0 }).Message, StringComparison.Ordinal);
        Assert.Contains("Gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new ResidualTd3Options { Gamma = float.NaN }).Message, StringComparison.Ordinal);
        Assert.Contains("Hidden", Assert.Throws<ArgumentOutOfRangeException>(() => new ResidualTd3Options { Hidden = [] }).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResidualTd3(2, 1, new ResidualTd3Options { Critics = 2, TargetSubset = 3 }));
    }

    /// <summary>
    /// A one-step bandit: the base proposes 0, the reward peaks at a = 0.3 + 0.2·s. Critic and actor gradients must
    /// both be right for the residual to find it; the base alone earns 1 − 10·(0.3 + 0.2s)².
    /// </summary>
    [Fact]
    public void Learner_OnAOneStepBandit_MovesTheResidualToTheBestAction()
    {
        var options = new ResidualTd3Options { Alpha = 0.6f, Hidden = [32, 32], BatchSize = 64, Critics = 2, CriticWarmupUpdates = 200, ExplorationStd = 0.2f, ActorLearningRate = 1e-3f, CriticLearningRate = 1e-3f, Seed = 3 };
        var learner = new ResidualTd3(1, 1, options);
        var (online, demos) = (new ReplayBuffer(5000, 2, 1, nStep: 1), new ReplayBuffer(10, 2, 1, nStep: 1));
        var sampler = new SymmetricSampler(online, demos);
        var rng = new Rng(4);
        var (residual, executed) = (new float[1], new float[1]);
        static float Best(float s) => 0.3f + (0.2f * s);
        for (var step = 0; step < 3000; step++)
        {
            var s = rng.Uniform(-1, 1);
            float[] input = [s, 0f];
            Assert.True(learner.Actor.Act(input, residual, executed, rng, options.ExplorationStd));
            var reward = 1 - (10 * (executed[0] - Best(s)) * (executed[0] - Best(s)));
            online.Add(input, executed, reward, input, terminal: true, truncated: false);
            if (step >= 256)
            {
                learner.Update(sampler);
            }
        }

        foreach (var s in new[] { -0.8f, 0f, 0.7f })
        {
            Assert.True(learner.Actor.Act([s, 0f], residual, executed));
            Assert.InRange(executed[0], Best(s) - 0.08f, Best(s) + 0.08f);
        }

        Assert.True(learner.ActorUpdates > 2000);
    }
}
