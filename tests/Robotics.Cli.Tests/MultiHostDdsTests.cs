using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Robotics.Cli.Tests;

/// <summary>
/// Multi-host DDS, the way two machines on one LAN run a talker and `topic echo`: each `robotics` process in its own
/// network namespace, joined only by the veth pair the test creates (<see cref="NetworkNamespacePair"/>). Discovery by
/// SPDP multicast (<c>ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET</c>), by unicast to a static peer with multicast off
/// (<c>LOCALHOST</c> + <c>ROS_STATIC_PEERS</c>, what rmw renders), and a reliable topic through 10 % UDP loss each way,
/// injected by nftables in the subscriber's namespace. nftables counters prove what went over the link. Cyclone is
/// pinned to the veth inside each namespace (<c>CYCLONEDDS_URI</c>) and the namespaces have no interface but lo and
/// that veth: nothing leaves this machine.
/// </summary>
public sealed class MultiHostDdsTests
{
    private const string Table = "robotics_test";

    [Fact]
    public void MulticastDiscovery_AcrossTheVethPair_FindsTheTalkerAndDeliversItsMessages()
    {
        using var hosts = new NetworkNamespacePair();
        NetworkNamespacePair.Nft(hosts.B, Rules(lossPercent: 0));

        var (numbers, nodes) = TalkAndEcho(hosts, Dds(hosts.A, "SUBNET", string.Empty), Dds(hosts.B, "SUBNET", string.Empty), count: 50, rateHz: 100, depth: 10, listNodes: true);

        AssertConsecutive(numbers, 50);
        Assert.Contains("/mh_talker", nodes, StringComparison.Ordinal);
        var counters = NetworkNamespacePair.Counters(hosts.B, Table);
        Assert.True(counters["multicast_in"] > 0, "no multicast reached the subscriber's namespace: " + Describe(counters));
    }

    [Fact]
    public void UnicastPeerDiscovery_WithMulticastOff_FindsTheStaticPeerAndDeliversItsMessages()
    {
        using var hosts = new NetworkNamespacePair();
        NetworkNamespacePair.Nft(hosts.B, Rules(lossPercent: 0));

        // LOCALHOST (the Iron+ default) turns multicast off; ROS_STATIC_PEERS adds the other host as a unicast peer.
        var (numbers, nodes) = TalkAndEcho(hosts, Dds(hosts.A, "LOCALHOST", hosts.B.Address), Dds(hosts.B, "LOCALHOST", hosts.A.Address), count: 50, rateHz: 100, depth: 10, listNodes: true);

        AssertConsecutive(numbers, 50);
        Assert.Contains("/mh_talker", nodes, StringComparison.Ordinal);
        var counters = NetworkNamespacePair.Counters(hosts.B, Table);
        Assert.True(counters["multicast_in"] == 0, "multicast reached the subscriber's namespace although discovery was unicast-only: " + Describe(counters));
        Assert.True(counters["udp_in"] > 0, Describe(counters));
    }

    [Fact]
    public void TenPercentUdpLoss_InTheSubscribersNamespace_ReliableTopicStillDeliversEveryMessageInOrder()
    {
        const int Count = 500;
        using var hosts = new NetworkNamespacePair();
        NetworkNamespacePair.Nft(hosts.B, Rules(lossPercent: 10));

        // 250 msg/s; keep-last 1000 on both ends, so every lost sample is still in the writer's history when the
        // subscriber's NACK comes back (with ROS's default depth 10 this rate loses messages under this loss).
        var (numbers, _) = TalkAndEcho(hosts, Dds(hosts.A, "SUBNET", string.Empty), Dds(hosts.B, "SUBNET", string.Empty), Count, rateHz: 250, depth: 1000, listNodes: false);

        AssertConsecutive(numbers, Count);
        var counters = NetworkNamespacePair.Counters(hosts.B, Table);
        var loss = counters["dropped_in"] / (double)Math.Max(counters["udp_in"], 1);
        Assert.True(counters["dropped_in"] > 0 && counters["dropped_out"] > 0, "nftables dropped nothing, so the loss was not injected: " + Describe(counters));
        Assert.True(loss is > 0.03 and < 0.25, string.Create(CultureInfo.InvariantCulture, $"incoming UDP loss {loss:P1} is not about 10 %: {Describe(counters)}"));
    }

    /// <summary>
    /// A talker in A (until killed), `topic echo --count` in B; the numbers of the messages echo printed, and what
    /// `node list` in B printed afterwards (when asked).
    /// </summary>
    private static (List<long> Numbers, string Nodes) TalkAndEcho(
        NetworkNamespacePair hosts, Dictionary<string, string> talkerEnv, Dictionary<string, string> echoEnv, int count, double rateHz, int depth, bool listNodes)
    {
        using var talker = new Background(RoboticsProcess.StartIn(
            hosts.A.Name, talkerEnv, "run", "talker", "--transport", "dds", "--duration", "120", "--ros-args", "-r", "__node:=mh_talker",
            "-p", "text:=multi-host", "-p", string.Create(CultureInfo.InvariantCulture, $"rate_hz:={rateHz:F1}"), "-p", string.Create(CultureInfo.InvariantCulture, $"qos_depth:={depth}")));
        (int ExitCode, string Output, string Error) echo;
        try
        {
            echo = RoboticsProcess.RunIn(
                hosts.B.Name, echoEnv, "topic", "echo", "/chatter", "std_msgs/msg/String", "--json", "--qos-reliability", "reliable",
                "--count", count.ToString(CultureInfo.InvariantCulture), "--qos-depth", "1000");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; the talker's last lines:\n{talker.Tail}", e);
        }

        Assert.True(echo.ExitCode == 0, $"topic echo failed: {echo.Error}\ntalker's last lines:\n{talker.Tail}");
        var numbers = echo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Number).ToList();
        var nodes = string.Empty;

        // node list waits for discovery to settle (at most 3 s, DiscoveryWait), as ros2 does without its daemon; on a
        // busy machine one look can end before this new participant has heard of the talker's nodes, so up to three.
        for (var attempt = 0; listNodes && attempt < 3 && !nodes.Contains("/mh_talker", StringComparison.Ordinal); attempt++)
        {
            nodes = RoboticsProcess.RunIn(hosts.B.Name, echoEnv, "node", "list").Output;
        }

        return (numbers, nodes);
    }

    /// <summary>N from echo's JSON line <c>{"data":"multi-host: N"}</c>.</summary>
    private static long Number(string line)
    {
        using var json = JsonDocument.Parse(line);
        var text = json.RootElement.GetProperty("data").GetString()!;
        return long.Parse(text["multi-host: ".Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>Exactly <paramref name="count"/> messages, each the one after the previous: none lost, none reordered.</summary>
    private static void AssertConsecutive(List<long> numbers, int count)
    {
        Assert.Equal(count, numbers.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => numbers[0] + i), numbers);
    }

    /// <summary>ROS discovery environment for one side; Cyclone pinned to that side's veth (applied after rmw's fragment).</summary>
    private static Dictionary<string, string> Dds(NamespaceSide side, string range, string staticPeers) => new()
    {
        ["ROS_DOMAIN_ID"] = "46",
        ["ROS_AUTOMATIC_DISCOVERY_RANGE"] = range,
        ["ROS_STATIC_PEERS"] = staticPeers,
        ["ROS_LOCALHOST_ONLY"] = string.Empty,
        ["CYCLONEDDS_URI"] = $"<CycloneDDS><Domain Id=\"any\"><General><Interfaces><NetworkInterface name=\"{side.Interface}\"/></Interfaces></General></Domain></CycloneDDS>",
    };

    /// <summary>
    /// Counters for UDP in and out of a namespace (and multicast in), plus, when <paramref name="lossPercent"/> is not
    /// zero, rules dropping that share of UDP packets at random in each direction.
    /// </summary>
    private static string Rules(int lossPercent)
    {
        string Drop(string direction) => lossPercent == 0
            ? string.Empty
            : string.Create(CultureInfo.InvariantCulture, $"    meta l4proto udp numgen random mod 100 < {lossPercent} counter drop comment \"dropped_{direction}\"\n");
        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"table inet {Table} {{\n")
            .Append("  chain in {\n    type filter hook input priority 0; policy accept;\n")
            .Append("    meta l4proto udp ip daddr 224.0.0.0/4 counter comment \"multicast_in\"\n")
            .Append("    meta l4proto udp counter comment \"udp_in\"\n")
            .Append(Drop("in"))
            .Append("  }\n  chain out {\n    type filter hook output priority 0; policy accept;\n")
            .Append("    meta l4proto udp counter comment \"udp_out\"\n")
            .Append(Drop("out"))
            .Append("  }\n}\n")
            .ToString();
    }

    private static string Describe(Dictionary<string, long> counters) =>
        string.Join(", ", counters.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key}={c.Value}")));

    /// <summary>A started child whose output is drained (its last lines kept for failure messages); Dispose kills it by pid.</summary>
    private sealed class Background : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _tail = new();

        public Background(Process process)
        {
            _process = process;
            process.OutputDataReceived += Keep;
            process.ErrorDataReceived += Keep;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Tail => string.Join('\n', _tail);

        public void Dispose()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            _process.Dispose();
        }

        private void Keep(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            _tail.Enqueue(e.Data);
            while (_tail.Count > 20 && _tail.TryDequeue(out _))
            {
            }
        }
    }
}
