using Robotics.Policies.Training;

namespace Robotics.Policies.Tests.Training;

public class BehaviourCloningTests
{
    [Fact]
    public void LearnsALinearDemonstrator_ChunkIncluded()
    {
        // The demonstrator moves toward a goal g from state s: a_t = s_t + 0.1·(g − s_t); state = (s, g).
        var demos = new Demonstrations(2, 1);
        var rng = new Random(4);
        for (var episode = 0; episode < 40; episode++)
        {
            var (s, g) = (rng.NextDouble() * 2 - 1, rng.NextDouble() * 2 - 1);
            var (states, actions) = (new List<float>(), new List<float>());
            for (var t = 0; t < 30; t++)
            {
                var a = s + (0.1 * (g - s));
                states.AddRange([(float)s, (float)g]);
                actions.Add((float)a);
                s = a;
            }

            demos.Add([.. states], [.. actions]);
        }

        var result = BehaviourCloning.Train(demos, new BcOptions { ChunkLength = 3, Hidden = [32, 32], Steps = 1500, BatchSize = 64, Seed = 3, EvaluateEvery = 500 });
        Assert.Equal(3, result.Curve.Count);
        Assert.True(result.Curve[^1].ValidationLoss < result.Curve[0].ValidationLoss, "validation loss falls");
        Assert.True(result.Curve[^1].ValidationLoss < 2e-3, $"validation MSE {result.Curve[^1].ValidationLoss}");
    }

    [Fact]
    public void BadDemonstrations_AreRefused()
    {
        var demos = new Demonstrations(2, 1);
        Assert.Throws<ArgumentException>(() => demos.Add([1, 2, 3], [1, 2]));
        Assert.Throws<ArgumentException>(() => demos.Add([1, float.NaN], [1]));
        demos.Add([1, 2], [1]);
        Assert.Throws<ArgumentException>(() => BehaviourCloning.Train(demos, new BcOptions()));
    }
}
