using Robotics.Policies.Contract;
using Robotics.Policies.Inference;
using Robotics.Policies.Learning;

namespace Robotics.Policies.Tests.Contract;

public class CandidateSteeringTests
{
    private static PolicySpec Spec() => new()
    {
        ControlRateHz = 20,
        ChunkLength = 2,
        JointNames = ["a"],
        Action = new ActionSpec { Min = [-1], Max = [1] },
        State = new StateSpec { Features = ["joint_states/a"], Mean = [0], Std = [1] },
    };

    // A critic that scores a candidate by its first action: critic.input = [state, a0, a1] → score = a0.
    private static NetworkPolicyModel Critic(float weight)
    {
        var dense = Dense.Zeros(3, 1);
        dense.Weight.Value[1] = weight;
        return new NetworkPolicyModel(new Mlp([dense]), CandidateSteering.CriticInput, CandidateSteering.CriticOutput);
    }

    private static NetworkPolicyModel ZeroPolicy() => new(new Mlp([Dense.Zeros(1, 2)]), "observation.state", "action", [2, 1]);

    [Fact]
    public void TheBestScoredCandidate_IsExecuted()
    {
        using var runner = new PolicyRunner(Spec(), ZeroPolicy()) { Steering = new CandidateSteering(Critic(1), 1, 2, 16, 0.2, seed: 4) };
        runner.SetState(0, [0]);
        runner.Run();
        // The policy says 0; among 15 noisy candidates (σ 0.2) one is almost surely above 0 and the critic prefers it.
        Assert.True(runner.Chunk(0)[0] > 0.05f, $"first action {runner.Chunk(0)[0]}");
        Assert.Equal(1, runner.Steering.Replaced);
    }

    [Fact]
    public void AnIndifferentCritic_KeepsThePolicysOwnChunk()
    {
        using var runner = new PolicyRunner(Spec(), ZeroPolicy()) { Steering = new CandidateSteering(Critic(0), 1, 2, 8, 0.2, seed: 4) };
        runner.SetState(0, [0]);
        runner.Run();
        Assert.Equal([0f, 0f], runner.Chunk(0).ToArray());
        Assert.Equal(0, runner.Steering.Replaced);
    }

    [Fact]
    public void ACriticReturningNaN_RefusesTheChunk()
    {
        var dense = Dense.Zeros(3, 1);
        dense.Bias.Value[0] = float.NaN;
        var critic = new NetworkPolicyModel(new Mlp([dense]), CandidateSteering.CriticInput, CandidateSteering.CriticOutput);
        using var runner = new PolicyRunner(Spec(), ZeroPolicy()) { Steering = new CandidateSteering(critic, 1, 2, 4, 0.2, seed: 4) };
        runner.SetState(0, [0]);
        var error = Assert.Throws<PolicyRunException>(runner.Run);
        Assert.Contains("scored none of 4 candidates", error.Message, StringComparison.Ordinal);
    }
}
