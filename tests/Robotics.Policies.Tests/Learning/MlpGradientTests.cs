using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Learning;

public class MlpGradientTests
{
    [Theory]
    [InlineData(Activation.Tanh, true, Activation.Tanh)]
    [InlineData(Activation.Tanh, false, Activation.None)]
    [InlineData(Activation.Relu, true, Activation.None)]
    public void Mlp_EveryParameterAndInputGradient_MatchesFiniteDifferences(Activation hidden, bool layerNorm, Activation output)
    {
        const int Batch = 4;
        var rng = new Rng(11);
        var net = Mlp.Create(5, [7, 6], 3, rng, layerNorm, hidden, output);
        var input = GradientCheck.Random(rng, Batch * 5);
        var projection = GradientCheck.Random(rng, Batch * 3);
        double Loss() => GradientCheck.Projection(net.Forward(input, Batch), projection);

        Loss();
        net.ZeroGrad();
        var inputGradient = new float[input.Length];
        net.Backward(projection, inputGradient);
        var analytic = net.Parameters.Select(p => p.Grad.ToArray()).ToArray();

        // ReLU kinks: h = 1e-3 keeps a perturbation from crossing one (a pre-activation within h·|x| of 0) for this seed.
        var step = hidden == Activation.Relu ? 1e-3f : GradientCheck.Step;
        GradientCheck.Compare("input", input, inputGradient, Loss, step);
        for (var i = 0; i < analytic.Length; i++)
        {
            GradientCheck.Compare($"parameter {i} ({net.Parameters[i]})", net.Parameters[i].Value, analytic[i], Loss, step);
        }
    }

    [Fact]
    public void Mlp_LargeBatch_MatchesRowByRowForward()
    {
        // 300 rows cross every tile edge of the packed matrix product (MR = 8, 6 or 4; MC = 128).
        var rng = new Rng(12);
        var net = Mlp.Create(26, [64, 40], 3, rng, layerNorm: true);
        var input = GradientCheck.Random(rng, 300 * 26);
        var batched = net.Forward(input, 300).ToArray();
        for (var row = 0; row < 300; row += 37)
        {
            var single = net.Forward(input.AsSpan(row * 26, 26), 1);
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(batched[(row * 3) + j], single[j], 1e-4f);
            }
        }
    }

    [Fact]
    public void Backward_WithoutParameterGradients_LeavesGradsAtZeroButGivesInputGradient()
    {
        var rng = new Rng(13);
        var critic = Mlp.Create(4, [8], 1, rng, layerNorm: true);
        var input = GradientCheck.Random(rng, 2 * 4);
        critic.Forward(input, 2);
        var dInput = new float[8];
        critic.Backward([1, 1], dInput, accumulateParameterGradients: false);
        Assert.All(critic.Parameters, p => Assert.All(p.Grad, g => Assert.Equal(0, g)));
        Assert.Contains(dInput, g => g != 0);
    }
}
