using Robotics.Policies.Learning;
using Robotics.Policies.Rewards;
using Robotics.Policies.Tests.Learning;

namespace Robotics.Policies.Tests.Rewards;

public class RewardLossTests
{
    private const int Stages = 3;
    private const int Batch = 4;
    private static readonly int[] StageTargets = [0, 2, 1, 2];
    private static readonly float[] TauTargets = [0.1f, 0.9f, 0.5f, 0];
    private static readonly float[] SuccessTargets = [0, 1, 0, 1];

    [Fact]
    public void CombinedLoss_GradientMatchesFiniteDifferences()
    {
        var rng = new Rng(31);
        var output = GradientCheck.Random(rng, Batch * new RewardOutputLayout(Stages).Size, 2);
        var loss = new RewardLoss(Stages);
        var gradient = new float[output.Length];
        loss.Compute(output, StageTargets, TauTargets, SuccessTargets, gradient);
        GradientCheck.Compare("reward loss", output, gradient, () => loss.Compute(output, StageTargets, TauTargets, SuccessTargets, default).Total);
    }

    [Fact]
    public void CombinedLoss_IsTheSumOfItsHeads_AndOnlyTheLabelledTauIsTrained()
    {
        var layout = new RewardOutputLayout(Stages);
        var output = GradientCheck.Random(new Rng(32), Batch * layout.Size, 2);
        var gradient = new float[output.Length];
        var (total, stage, tau, success) = new RewardLoss(Stages).Compute(output, StageTargets, TauTargets, SuccessTargets, gradient);
        var logits = Enumerable.Range(0, Batch).SelectMany(r => output.Skip(r * layout.Size).Take(Stages)).ToArray();
        var taus = Enumerable.Range(0, Batch).Select(r => output[(r * layout.Size) + layout.StageProgress + StageTargets[r]]).ToArray();
        var successLogits = Enumerable.Range(0, Batch).Select(r => output[(r * layout.Size) + layout.SuccessLogit]).ToArray();
        Assert.Equal(Losses.CrossEntropy(logits, StageTargets, default), stage, 6);
        Assert.Equal(Losses.MeanSquaredError(taus, TauTargets, default), tau, 6);
        Assert.Equal(Losses.BinaryCrossEntropyWithLogits(successLogits, SuccessTargets, default), success, 6);
        Assert.Equal(stage + tau + success, total, 6);
        for (var r = 0; r < Batch; r++)
        {
            for (var k = 0; k < Stages; k++)
            {
                var g = gradient[(r * layout.Size) + layout.StageProgress + k];
                Assert.True(k == StageTargets[r] ? g != 0 : g == 0, $"row {r} τ_{k} gradient {g}");
            }
        }
    }

    [Fact]
    public void CombinedLoss_ThroughTheNetwork_MatchesFiniteDifferences()
    {
        var rng = new Rng(33);
        var network = Mlp.Create(2, [5], new RewardOutputLayout(Stages).Size, rng, layerNorm: true, activation: Activation.Tanh);
        var input = GradientCheck.Random(rng, Batch * 2);
        var loss = new RewardLoss(Stages);
        var gradient = new float[Batch * network.OutputSize];
        network.ZeroGrad();
        loss.Compute(network.Forward(input, Batch), StageTargets, TauTargets, SuccessTargets, gradient);
        network.Backward(gradient);
        foreach (var parameter in network.Parameters)
        {
            GradientCheck.Compare(parameter.ToString(), parameter.Value, parameter.Grad, () => loss.Compute(network.Forward(input, Batch), StageTargets, TauTargets, SuccessTargets, default).Total);
        }
    }
}
