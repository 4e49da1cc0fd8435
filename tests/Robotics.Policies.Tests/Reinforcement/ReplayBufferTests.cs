using Robotics.Policies.Learning;
using Robotics.Policies.Reinforcement;

namespace Robotics.Policies.Tests.Reinforcement;

public class ReplayBufferTests
{
    // One-value states s_t = t, actions a_t = 10 t, rewards r_t = 1, γ = 0.5, n = 3.
    private static ReplayBuffer Episode(int steps, bool terminal, out ReplayBuffer buffer)
    {
        buffer = new ReplayBuffer(16, 1, 1, nStep: 3, gamma: 0.5f);
        for (var t = 0; t < steps; t++)
        {
            var last = t == steps - 1;
            buffer.Add([t], [10 * t], 1, [t + 1], terminal: last && terminal, truncated: last && !terminal);
        }

        return buffer;
    }

    private static (float State, float Action, float Reward, float Next, float Discount) Row(ReplayBuffer buffer, int i)
    {
        float[] s = [0], a = [0], r = [0], n = [0], d = [0];
        buffer.Gather([i], s, a, r, n, d);
        return (s[0], a[0], r[0], n[0], d[0]);
    }

    [Fact]
    public void NStepReturns_MidEpisode_BootstrapWithGammaToTheN()
    {
        Episode(5, terminal: false, out var buffer);
        // t = 0: r = 1 + 0.5 + 0.25 = 1.75, next = s_3, discount 0.5³ = 0.125.
        Assert.Equal((0f, 0f, 1.75f, 3f, 0.125f), Row(buffer, 0));
        Assert.Equal(5, buffer.Count);
    }

    [Fact]
    public void ATerminal_CutsTheWindowAndDoesNotBootstrap()
    {
        Episode(4, terminal: true, out var buffer);
        // t = 2: r_2 + 0.5 r_3 = 1.5, next = s_4 (the terminal), discount 0; t = 3: 1, discount 0.
        Assert.Equal((2f, 20f, 1.5f, 4f, 0f), Row(buffer, 2));
        Assert.Equal((3f, 30f, 1f, 4f, 0f), Row(buffer, 3));
    }

    [Fact]
    public void ATimeLimit_CutsTheWindowButStillBootstraps()
    {
        Episode(4, terminal: false, out var buffer);
        // t = 2: 1.5 and γ² = 0.25 onto s_4 — a time limit is not the end of the task (Pardo et al. 2018).
        Assert.Equal((2f, 20f, 1.5f, 4f, 0.25f), Row(buffer, 2));
        Assert.Equal((3f, 30f, 1f, 4f, 0.5f), Row(buffer, 3));
    }

    [Fact]
    public void InterventionFlags_FollowTheirTransition_AndAddingAllocatesNothing()
    {
        var buffer = new ReplayBuffer(64, 1, 1, nStep: 3);
        for (var t = 0; t < 10; t++)
        {
            buffer.Add([t], [0], 0, [t + 1], false, t == 9, intervention: t % 2 == 1);
        }

        Assert.False(buffer.IsIntervention(0));
        Assert.True(buffer.IsIntervention(1));
        Assert.True(buffer.IsIntervention(9));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 0; t < 1000; t++)
        {
            buffer.Add([1], [0], 0, [1], false, false);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void NonFiniteTransitions_AreRefused()
    {
        var buffer = new ReplayBuffer(4, 1, 1);
        Assert.Throws<ArgumentException>(() => buffer.Add([float.NaN], [0], 0, [0], false, false));
        Assert.Throws<ArgumentException>(() => buffer.Add([0], [0], float.PositiveInfinity, [0], false, false));
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void TryAdd_WrongSizesOrNonFinite_IsRefusedWithTheReason_AndAGapDropsThePendingWindow()
    {
        var buffer = new ReplayBuffer(8, 2, 1, nStep: 3, gamma: 0.5f);
        Assert.False(buffer.TryAdd([0, 0, 0], [0], 0, [0, 0], false, false, false, out var reason));
        Assert.Contains("2 state and 1 action values; this one has 3 state", reason, StringComparison.Ordinal);
        Assert.False(buffer.TryAdd([0, 0], [float.NaN], 0, [0, 0], false, false, false, out reason));
        Assert.Contains("non-finite", reason, StringComparison.Ordinal);

        // Two steps wait for their 3-step window; a gap drops them instead of summing rewards across it.
        Assert.True(buffer.TryAdd([0, 0], [0], 1, [1, 0], false, false, false, out _));
        Assert.True(buffer.TryAdd([1, 0], [0], 1, [2, 0], false, false, false, out _));
        Assert.Equal(2, buffer.DiscardPending());
        for (var t = 5; t < 8; t++)
        {
            Assert.True(buffer.TryAdd([t, 0], [0], 1, [t + 1, 0], false, t == 7, false, out _));
        }

        Assert.Equal(3, buffer.Count);
        float[] s = [0, 0], a = [0], r = [0], n = [0, 0], d = [0];
        buffer.Gather([0], s, a, r, n, d);
        Assert.Equal((5f, 1.75f, 8f), (s[0], r[0], n[0]));
    }

    [Fact]
    public void SymmetricSampling_HalfOnlineHalfDemos()
    {
        var online = new ReplayBuffer(8, 1, 1, nStep: 1);
        var demos = new ReplayBuffer(8, 1, 1, nStep: 1);
        online.Add([1], [0], 0, [1], false, false);
        demos.Add([-1], [0], 0, [-1], false, false);
        var sampler = new SymmetricSampler(online, demos);
        var (s, a, r, n, d) = (new float[8], new float[8], new float[8], new float[8], new float[8]);
        Assert.Equal(4, sampler.Sample(new Rng(1), s, a, r, n, d));
        Assert.Equal([1f, 1f, 1f, 1f, -1f, -1f, -1f, -1f], s);

        // Before any online step, every row is a demonstration.
        var fresh = new SymmetricSampler(new ReplayBuffer(8, 1, 1), demos);
        Assert.Equal(0, fresh.Sample(new Rng(1), s, a, r, n, d));
        Assert.All(s, v => Assert.Equal(-1f, v));
    }
}
