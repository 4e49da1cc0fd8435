using System.Collections.Concurrent;
using System.Diagnostics;
using Robotics.Middleware.Dds.Tests.Support;
using Robotics.Middleware.Tests.TestSupport;
using Robotics.Middleware.Topics;
using StringMessage = Robotics.Messages.StdMsgs.String;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// Our transport against an independent ROS 2-convention peer (shared/conformance/ros2-peer: std_msgs/String with
/// Cyclone's own idlc serializer, ROS default QoS, <c>enclave=/;</c>): both directions, and round trips through each
/// side's echo. Everything goes through the public RosContext/Node API, as an application would use it.
/// </summary>
public sealed class ConformancePeerTests : IClassFixture<ConformancePeerFixture>, IDisposable
{
    /// <summary>
    /// peer.c creates its participant on DDS_DOMAIN_DEFAULT, which with LoopbackDds.Config's <c>Domain Id="any"</c> is
    /// domain 0 (it reads neither ROS_DOMAIN_ID nor an argument). So our side joins domain 0 for these tests; the
    /// discovery tag in that same configuration still keeps them apart from every other process on the machine.
    /// </summary>
    private const int PeerDomain = 0;

    /// <summary>Spinning while a peer runs: its own discovery wait is 20 s, so leave room beyond that.</summary>
    private static readonly TimeSpan _peerRun = TimeSpan.FromSeconds(30);

    private readonly ConformancePeerFixture _peer;
    private readonly RosTestEnvironment _env = new(new DdsTransport(LoopbackDds.Options() with { DomainId = PeerDomain }));

    public ConformancePeerTests(ConformancePeerFixture peer) => _peer = peer;

    [Fact]
    public void Subscription_PeerPublishesStrings_ReceivesEachExactStringInOrder()
    {
        var topic = TestNames.Topic("chatter");
        var received = new ConcurrentQueue<string>();
        _env.CreateNode(TestNames.Node("listener")).CreateSubscription<StringMessage>(topic, m => received.Enqueue(m.Data));

        // The peer waits for our reader to match, then 200 ms for our side of the match, then writes "peer hello <i>".
        using var peer = PeerProcess.Start(_peer.Executable, PeerDomain, "pub", "rt" + topic, "5", "20");
        Assert.True(_env.Executor.SpinUntil(() => received.Count >= 5 || HasExited(peer), _peerRun), peer.Describe());

        Assert.Equal(["peer hello 0", "peer hello 1", "peer hello 2", "peer hello 3", "peer hello 4"], received);
        Assert.True(peer.WaitForExit(_peerRun), peer.Describe());
        Assert.True(peer.ExitCode == 0, peer.Describe());
        AssertNoWarnings();
    }

    [Fact]
    public void Publisher_PeerSubscribes_PeerPrintsEachExactStringInOrder()
    {
        var topic = TestNames.Topic("chatter");
        var publisher = _env.CreateNode(TestNames.Node("talker")).CreatePublisher<StringMessage>(topic);
        using var peer = PeerProcess.Start(_peer.Executable, PeerDomain, "sub", "rt" + topic, "100000", "60");
        WarmUp(publisher, peer, () => peer.Output.Contains("peer received: 'warm-up'"));

        // UTF-8 beyond ASCII, the empty string (length 1: just the NUL), and one long enough to travel as several
        // DATA_FRAG submessages (Cyclone's default FragmentSize is 1344 B).
        string[] sent = ["hello", string.Empty, "grüße, 世界 ✓", new string('x', 20_001), "last"];
        foreach (var text in sent)
        {
            publisher.Publish(new StringMessage { Data = text });
        }

        peer.ExpectLine(l => l == "peer received: 'last'", "the peer printed the last string");
        var printed = peer.Output.Where(l => l.StartsWith("peer received: '", StringComparison.Ordinal) && l != "peer received: 'warm-up'");
        Assert.Equal(sent.Select(s => $"peer received: '{s}'"), printed);
        AssertNoWarnings();
    }

    [Fact]
    public void Publisher_PeerEchoes_EachStringComesBackUnchanged()
    {
        var (outbound, inbound) = (TestNames.Topic("to_echo"), TestNames.Topic("from_echo"));
        var node = _env.CreateNode(TestNames.Node("echo_client"));
        var echoed = new ConcurrentQueue<string>();
        node.CreateSubscription<StringMessage>(inbound, m => echoed.Enqueue(m.Data));
        var publisher = node.CreatePublisher<StringMessage>(outbound);
        using var peer = PeerProcess.Start(_peer.Executable, PeerDomain, "echo", "rt" + outbound, "rt" + inbound, "60");
        WarmUp(publisher, peer, () => echoed.Contains("warm-up"));

        string[] sent = ["one", "ü", string.Empty, new string('y', 10_000)];
        foreach (var text in sent)
        {
            publisher.Publish(new StringMessage { Data = text });
        }

        _env.SpinUntil(() => echoed.Count(s => s != "warm-up") >= sent.Length, "every string came back from the peer's echo");
        Assert.Equal(sent, echoed.Where(s => s != "warm-up"));
        AssertNoWarnings();
    }

    [Fact]
    public void EchoNode_PeerPings_EveryPingIsAnswered()
    {
        var (ping, pong) = (TestNames.Topic("ping"), TestNames.Topic("pong"));
        var node = _env.CreateNode(TestNames.Node("echo_server"));
        var publisher = node.CreatePublisher<StringMessage>(pong);
        var answered = 0;
        node.CreateSubscription<StringMessage>(ping, m =>
        {
            publisher.Publish(m);
            answered++;
        });

        // ping <out> <in> <count> <bytes>: exits 0 only when every ping came back within 2 s.
        using var peer = PeerProcess.Start(_peer.Executable, PeerDomain, "ping", "rt" + ping, "rt" + pong, "20", "256");
        Assert.True(_env.Executor.SpinUntil(() => HasExited(peer), _peerRun), peer.Describe());

        Assert.True(peer.WaitForExit(_peerRun) && peer.ExitCode == 0, peer.Describe());
        Assert.Contains(peer.Output, l => l.Contains("n=20 size=256", StringComparison.Ordinal));
        Assert.Equal(20, answered);
        AssertNoWarnings();
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
    }

    private static bool HasExited(PeerProcess peer) => peer.WaitForExit(TimeSpan.Zero);

    /// <summary>
    /// Publishes "warm-up" until the peer shows it got one. Waiting for our writer to match is not enough: a volatile
    /// reader drops what arrives before <em>its</em> side of the match, which only the peer can see (peer.c sleeps for
    /// it; a test waits for the evidence instead).
    /// </summary>
    private void WarmUp(Publisher<StringMessage> publisher, PeerProcess peer, Func<bool> peerGotOne)
    {
        peer.ExpectOurSide(() => publisher.SubscriptionCount > 0, () => $"the peer's reader matched {publisher.Topic}");
        var deadline = Stopwatch.StartNew();
        while (!peerGotOne())
        {
            Assert.True(deadline.Elapsed < PeerProcess.LineTimeout && !HasExited(peer), $"the peer never got a warm-up on {publisher.Topic}\n{peer.Describe()}");
            publisher.Publish(new StringMessage { Data = "warm-up" });
            _env.Executor.SpinUntil(peerGotOne, TimeSpan.FromMilliseconds(100));
        }
    }

    private void AssertNoWarnings() => Assert.True(_env.Warnings.Count == 0, "unexpected transport warnings: " + string.Join(" | ", _env.Warnings));
}
