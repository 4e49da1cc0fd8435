using Robotics.Policies.Learning;
using Robotics.Policies.Reinforcement;

namespace Robotics.Policies.Tests.Reinforcement;

public sealed class ActorWeightsGateTests
{
    private static readonly int[] _hidden = [8, 8];

    [Fact]
    public void NewerSoundWeights_AreCopiedIntoTheLiveNetwork()
    {
        var gate = new ActorWeightsGate(Actor(seed: 1));
        var trained = Actor(seed: 2);
        Assert.True(gate.TryAccept(1, Bytes(trained), out var reason), reason);
        Assert.Equal(1ul, gate.Version);
        Assert.Equal(Values(trained), Values(gate.Network));
        Assert.Equal((1, 0), (gate.Accepted, gate.Rejected));
    }

    [Fact]
    public void AVersionNotNewer_IsRefused_AndTheWeightsStay()
    {
        var gate = new ActorWeightsGate(Actor(seed: 1));
        Assert.True(gate.TryAccept(5, Bytes(Actor(seed: 2)), out _));
        var kept = Values(gate.Network);
        foreach (var stale in new ulong[] { 5, 4, 0 })
        {
            Assert.False(gate.TryAccept(stale, Bytes(Actor(seed: 3)), out var reason));
            Assert.Contains($"version {stale} is not newer than the accepted version 5", reason, StringComparison.Ordinal);
        }

        Assert.Equal(kept, Values(gate.Network));
        Assert.Equal(5ul, gate.Version);
        Assert.Equal(3, gate.Rejected);
    }

    [Fact]
    public void BytesThatDoNotParse_AreRefusedNamingTheProblem()
    {
        var gate = new ActorWeightsGate(Actor(seed: 1));
        var kept = Values(gate.Network);
        var corrupt = Bytes(Actor(seed: 2));
        corrupt[corrupt.Length / 2] ^= 0x40;
        Assert.False(gate.TryAccept(1, corrupt, out var reason));
        Assert.Contains("CRC-32", reason, StringComparison.Ordinal);
        Assert.False(gate.TryAccept(2, Bytes(Actor(seed: 2)).AsSpan(0, 40), out reason));
        Assert.Contains("truncated", reason, StringComparison.Ordinal);
        Assert.False(gate.TryAccept(3, "JUNK"u8, out reason));
        Assert.Contains("magic", reason, StringComparison.Ordinal);
        Assert.False(gate.TryAccept(4, [], out reason));
        Assert.Contains("no data", reason, StringComparison.Ordinal);
        Assert.Equal(kept, Values(gate.Network));
        Assert.Equal(0ul, gate.Version);
    }

    [Fact]
    public void ANetworkOfAnotherStructure_IsRefusedNamingTheLayer()
    {
        var gate = new ActorWeightsGate(Actor(seed: 1));
        var kept = Values(gate.Network);
        var wider = Mlp.Create(5, [8, 16], 2, new Rng(2), layerNorm: true, outputActivation: Activation.Tanh);
        Assert.False(gate.TryAccept(1, Bytes(wider), out var reason));
        Assert.Contains("another structure", reason, StringComparison.Ordinal);
        Assert.Contains("layer 3", reason, StringComparison.Ordinal);
        var shallower = Mlp.Create(5, [8], 2, new Rng(2), layerNorm: true, outputActivation: Activation.Tanh);
        Assert.False(gate.TryAccept(2, Bytes(shallower), out reason));
        Assert.Contains("layers", reason, StringComparison.Ordinal);
        Assert.Equal(kept, Values(gate.Network));
    }

    [Fact]
    public void ANonFiniteWeight_IsRefused_AndNothingIsCopied()
    {
        var gate = new ActorWeightsGate(Actor(seed: 1));
        var kept = Values(gate.Network);
        var poisoned = Actor(seed: 2);
        poisoned.Parameters[^1].Value[1] = float.NaN; // the output bias: every value before it would be copied first
        Assert.False(gate.TryAccept(1, Bytes(poisoned), out var reason));
        Assert.Contains("NaN", reason, StringComparison.Ordinal);
        poisoned.Parameters[^1].Value[1] = 0;
        poisoned.Parameters[0].Value[3] = float.PositiveInfinity;
        Assert.False(gate.TryAccept(2, Bytes(poisoned), out reason));
        Assert.Contains("Infinity", reason, StringComparison.Ordinal);
        Assert.Equal(kept, Values(gate.Network));
        Assert.Equal(0ul, gate.Version);

        // The refusals did not consume the versions: sound weights with a later one still land.
        poisoned.Parameters[0].Value[3] = 0.5f;
        Assert.True(gate.TryAccept(1, Bytes(poisoned), out reason), reason);
    }

    [Fact]
    public void OptimizerStateInTheFile_IsIgnored()
    {
        var gate = new ActorWeightsGate(Actor(seed: 1));
        var trained = Actor(seed: 2);
        using var stream = new MemoryStream();
        NetworkSerializer.Save(stream, trained, new Adam(trained.Parameters, new AdamOptions()));
        Assert.True(gate.TryAccept(1, stream.ToArray(), out var reason), reason);
        Assert.Equal(Values(trained), Values(gate.Network));
    }

    // A residual actor's network: 3 observation + 2 base action values → 2, non-zero output layer so copies show.
    private static Mlp Actor(ulong seed) => Mlp.Create(5, _hidden, 2, new Rng(seed), layerNorm: true, outputActivation: Activation.Tanh);

    private static byte[] Bytes(Mlp network)
    {
        using var stream = new MemoryStream();
        NetworkSerializer.Save(stream, network);
        return stream.ToArray();
    }

    private static float[] Values(Mlp network) => [.. network.Parameters.SelectMany(p => p.Value)];
}
