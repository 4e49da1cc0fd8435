using System.Collections.Concurrent;
using System.Globalization;
using Robotics.Messages;
using Robotics.Messages.Cdr;
using Robotics.Messages.ExampleInterfaces;
using Robotics.Messages.GeometryMsgs;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware.Dds.Interop;
using Robotics.Middleware.Dds.Tests.Support;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Tests.TestSupport;
using TimeMessage = Robotics.Messages.BuiltinInterfaces.Time;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// Byte-exactness against Cyclone's own serializer: tests/interop/dds/interop_peer.c is built with idlc from IDL
/// written in ROS naming (sensor_msgs::msg::dds_::JointState_, robotics_msgs::msg::dds_::InteropProbe_, which has every
/// primitive and array form, so every alignment case). Print: Cyclone's decoder reads, field by field, the values we
/// encoded. Echo: from what it read, Cyclone's encoder writes back exactly our bytes. An echo alone would also pass
/// with a wrong IDL whose layout happens to coincide (a float followed by padding read as a double), which is why the
/// two go together. And AddTwoInts works both ways with the 16-byte request header that idlc does not know, written
/// and read by hand in the peer around idlc-serialized bodies.
/// </summary>
public sealed class CycloneInteropTests : IClassFixture<InteropPeerFixture>, IDisposable
{
    /// <summary>
    /// A domain of its own. On LoopbackDds.DomainId, shared in this process with classes that create and dispose
    /// transports all the time, about one loaded full run in six had a peer that matched our endpoints while our
    /// participant never saw the peer's for 20 s (Cyclone threads idle, nothing of the peer in our graph); on a domain
    /// no other class uses, none in 14. The cause is not understood yet (see the report that came with this test).
    /// </summary>
    private const int PeerDomain = LoopbackDds.DomainId + 1;

    private readonly InteropPeerFixture _peer;
    private readonly RosTestEnvironment _env = new(new DdsTransport(LoopbackDds.Options() with { DomainId = PeerDomain }));

    public CycloneInteropTests(InteropPeerFixture peer) => _peer = peer;

    private DdsTransport Transport => (DdsTransport)_env.Context.Transport;

    [Fact]
    public void Echo_JointState_CycloneWritesBackTheBytesWeWrote() => AssertEchoedExactly(JointStates());

    [Fact]
    public void Echo_InteropProbe_CycloneWritesBackTheBytesWeWrote() => AssertEchoedExactly(Probes());

    [Fact]
    public void Print_JointState_CycloneDecodesEveryFieldWeEncoded() => AssertDecodedFieldByField(JointStates(), "JointState", JointStateFields);

    [Fact]
    public void Print_InteropProbe_CycloneDecodesEveryFieldWeEncoded() => AssertDecodedFieldByField(Probes(), "InteropProbe", ProbeFields);

    [Fact]
    public async Task ServiceClient_CycloneServer_GetsTheSumAndSendsTheRequestHeader()
    {
        var service = TestNames.Topic("add_c_server");
        using var peer = PeerProcess.Start(_peer.Executable, PeerDomain, "server", service, "60");
        var client = _env.CreateNode(TestNames.Node("caller")).CreateClient<AddTwoIntsRequest, AddTwoIntsResponse>(service);

        // "ready": the peer's request reader and reply writer both matched ours, so nothing sent now is dropped.
        peer.ExpectLine(l => l == "ready", "the peer's endpoints matched ours");
        peer.ExpectOurSide(() => client.IsServiceAvailable, () => $"our client matched the peer's server ({GraphSeen(service)})");
        Assert.Equal(42, (await _env.CallAsync(client, new AddTwoIntsRequest { A = 40, B = 2 })).Sum);
        Assert.Equal(long.MaxValue - 7, (await _env.CallAsync(client, new AddTwoIntsRequest { A = -7, B = long.MaxValue })).Sum);

        // The peer decoded our header by hand: one client id for both calls, sequence numbers increasing. It prints
        // before it replies, but its stdout reaches us on another path than DDS, so wait for the line too.
        peer.ExpectLine(l => l.StartsWith("request ", StringComparison.Ordinal) && l.Contains(" a=-7 ", StringComparison.Ordinal), "the peer printed the second request");
        var requests = peer.Output.Where(l => l.StartsWith("request ", StringComparison.Ordinal)).Select(ParseRequest).ToList();
        Assert.True(requests.Count == 2, peer.Describe());
        Assert.Equal((40L, 2L), (requests[0].A, requests[0].B));
        Assert.Equal((-7L, long.MaxValue), (requests[1].A, requests[1].B));
        Assert.NotEqual(0UL, requests[0].Client);
        Assert.Equal(requests[0].Client, requests[1].Client);
        Assert.True(requests[0].Sequence > 0 && requests[1].Sequence > requests[0].Sequence, peer.Describe());
    }

    [Fact]
    public void ServiceServer_CycloneClient_AnswersWithItsHeaderEchoed()
    {
        var service = TestNames.Topic("add_c_client");
        var requests = new ConcurrentQueue<(long A, long B)>();
        _env.CreateNode(TestNames.Node("adder")).CreateService<AddTwoIntsRequest, AddTwoIntsResponse>(service, r =>
        {
            requests.Enqueue((r.A, r.B));
            return new AddTwoIntsResponse { Sum = r.A + r.B };
        });

        // The peer sends client id 0x1122334455667788, sequence 1, and accepts only a reply carrying both back.
        using var peer = PeerProcess.Start(_peer.Executable, PeerDomain, "client", service, "-7", "49", "60");
        Assert.True(_env.Executor.SpinUntil(() => peer.WaitForExit(TimeSpan.Zero), PeerProcess.LineTimeout), $"{GraphSeen(service)}\n{peer.Describe()}");

        Assert.True(peer.ExitCode == 0, peer.Describe());
        Assert.Contains("reply seq=1 sum=42", peer.Output);
        Assert.Contains((-7L, 49L), requests); // the peer resends until answered, so there may be more than one
        Assert.All(requests, r => Assert.Equal((-7L, 49L), r));
    }

    public void Dispose()
    {
        _env.Dispose();
        _env.AssertClean();
        Assert.True(_env.Warnings.Count == 0, "unexpected transport warnings: " + string.Join(" | ", _env.Warnings));
    }

    /// <summary>For failure messages: whether DDS discovery (as opposed to matching) saw the peer's side at all.</summary>
    private string GraphSeen(string name)
    {
        var graph = Transport.Graph;
        var endpoints = graph.Endpoints.Count(e => e.Topic.StartsWith(name, StringComparison.Ordinal)) + graph.Services.Count(s => s.Service == name);
        return $"our graph lists {endpoints} endpoint(s)/service(s) named {name}* of {graph.Nodes.Count} node(s) in all";
    }

    private static JointState[] JointStates() =>
    [
        new JointState
        {
            Header = new Header { Stamp = new TimeMessage { Sec = 1_700_000_000, Nanosec = 123_456_789 }, FrameId = "base_link" },
            Name = ["shoulder", "elbow", "wrist_ü"],
            Position = [0.5, -1.25, Math.PI],
            Velocity = [double.MaxValue, double.Epsilon, -0.0],
            Effort = [],
        },

        // Everything empty: an empty string is length 1, and each empty sequence is a bare count.
        new JointState(),
    ];

    private static InteropProbe[] Probes() =>
    [
        new InteropProbe
        {
            B = true, Y = 0xFF, C = (byte)'A', I8 = sbyte.MinValue, U8 = 200, I16 = short.MinValue, U16 = ushort.MaxValue,
            I32 = int.MinValue, U32 = uint.MaxValue, I64 = long.MinValue, U64 = ulong.MaxValue, F32 = float.Epsilon, F64 = -Math.E,
            S = "odd length ü", BoundedS = "12345678", FixedI16 = [-1, 0, short.MaxValue], BoundedF64 = [1.0, 2.5, -3.75, 1e300],
            Bytes = [0, 1, 254, 255, 7], Strings = ["a", string.Empty, "ccc"], BoundedStrings = ["abcd", "x"],
            Stamp = new TimeMessage { Sec = -1, Nanosec = 999_999_999 },
            FixedPoints = [new Point { X = 1, Y = 2, Z = 3 }, new Point { X = -4, Y = -5, Z = -6 }],
            Points = [new Point { X = 0.1, Y = 0.2, Z = 0.3 }], I64s = [long.MaxValue, -2],
        },

        // Defaults: zero-filled fixed arrays, empty strings and sequences.
        new InteropProbe(),

        // Three bytes then an empty string sequence, and an int64 sequence right after an empty Point sequence: the
        // counts land on 4-byte boundaries that need padding, and the int64 elements need 8-byte alignment again.
        new InteropProbe { B = false, S = "abc", Bytes = [1, 2, 3], BoundedF64 = [0.25], I64s = [5] },
    ];

    private static IEnumerable<(string Key, object Value)> JointStateFields(JointState m)
    {
        yield return ("header.stamp.sec", m.Header.Stamp.Sec);
        yield return ("header.stamp.nanosec", m.Header.Stamp.Nanosec);
        yield return ("header.frame_id", m.Header.FrameId);
        foreach (var field in Sequence("name", m.Name).Concat(Sequence("position", m.Position)).Concat(Sequence("velocity", m.Velocity)).Concat(Sequence("effort", m.Effort)))
        {
            yield return field;
        }
    }

    private static IEnumerable<(string Key, object Value)> ProbeFields(InteropProbe m)
    {
        (string, object)[] scalars =
        [
            ("b", m.B), ("y", m.Y), ("c", m.C), ("i8", m.I8), ("u8", m.U8), ("i16", m.I16), ("u16", m.U16), ("i32", m.I32),
            ("u32", m.U32), ("i64", m.I64), ("u64", m.U64), ("f32", m.F32), ("f64", m.F64), ("s", m.S), ("bounded_s", m.BoundedS),
        ];
        var fields = scalars.AsEnumerable()
            .Concat(m.FixedI16.Select((v, i) => ($"fixed_i16[{i}]", (object)v)))
            .Concat(Sequence("bounded_f64", m.BoundedF64))
            .Concat(Sequence("bytes", m.Bytes))
            .Concat(Sequence("strings", m.Strings))
            .Concat(Sequence("bounded_strings", m.BoundedStrings))
            .Concat([("stamp.sec", m.Stamp.Sec), ("stamp.nanosec", m.Stamp.Nanosec)])
            .Concat(m.FixedPoints.SelectMany((p, i) => PointFields($"fixed_points[{i}]", p)))
            .Concat([("points.size", m.Points.Length)])
            .Concat(m.Points.SelectMany((p, i) => PointFields($"points[{i}]", p)))
            .Concat(Sequence("i64s", m.I64s));
        return fields;
    }

    private static IEnumerable<(string Key, object Value)> Sequence<T>(string key, T[] items)
        where T : notnull =>
        new[] { ($"{key}.size", (object)items.Length) }.Concat(items.Select((v, i) => ($"{key}[{i}]", (object)v)));

    private static IEnumerable<(string Key, object Value)> PointFields(string key, Point p) =>
        [($"{key}.x", p.X), ($"{key}.y", p.Y), ($"{key}.z", p.Z)];

    private static (ulong Client, long Sequence, long A, long B) ParseRequest(string line)
    {
        // "request client=%016x seq=%d a=%d b=%d"
        var values = line.Split(' ').Skip(1).Select(part => part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToArray();
        return (ulong.Parse(values[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
            long.Parse(values[1], CultureInfo.InvariantCulture), long.Parse(values[2], CultureInfo.InvariantCulture), long.Parse(values[3], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Publishes each message through a node; the peer takes it with idlc's decoder and writes it with idlc's encoder
    /// on <c>&lt;topic&gt;_echo</c>, where a raw reader sees Cyclone's own bytes (options byte, padding and all).
    /// </summary>
    private void AssertEchoedExactly<T>(T[] messages)
        where T : class, IRosMessage<T>
    {
        var topic = TestNames.Topic("echo_" + T.TypeInfo.ShortName);
        var echoes = new ConcurrentQueue<byte[]>();
        var failures = new ConcurrentQueue<Exception>();
        using var qos = DdsQos.For(QosProfile.Default);
        using var echoReader = new RawReader(Transport.Subscriber, Transport.Topic(RosTopicNames.Topic(topic) + "_echo", T.TypeInfo.DdsName), qos.Handle, (ReadOnlySpan<byte> data, in ShimSample _) => echoes.Enqueue(data.ToArray()), failures.Enqueue);
        echoReader.Start();
        var publisher = _env.CreateNode(TestNames.Node("echo_source")).CreatePublisher<T>(topic);
        using var peer = PeerProcess.Start(_peer.Executable, PeerDomain, "echo", T.TypeInfo.ShortName, RosTopicNames.Topic(topic), "60");

        // Matched in all four directions before the first write: volatile readers drop what precedes their match.
        peer.ExpectLine(l => l == "ready", "the peer's endpoints matched ours");
        peer.ExpectOurSide(
            () => publisher.SubscriptionCount > 0 && echoReader.MatchedWriterCount > 0,
            () => $"our endpoints matched the peer's (writer: {publisher.SubscriptionCount} reader(s), echo reader: {echoReader.MatchedWriterCount} writer(s); {GraphSeen(topic)})");
        foreach (var message in messages)
        {
            publisher.Publish(message);
        }

        peer.ExpectOurSide(() => echoes.Count >= messages.Length || !failures.IsEmpty, () => $"{messages.Length} echoes came back (got {echoes.Count})");
        Assert.Empty(failures);
        var received = echoes.ToArray();
        Assert.Equal(messages.Length, received.Length);
        for (var i = 0; i < messages.Length; i++)
        {
            Assert.Equal(Convert.ToHexString(CdrSerializer.Serialize(messages[i])), Convert.ToHexString(received[i]));
            Assert.Equal(messages[i], CdrSerializer.Deserialize<T>(received[i]));
        }
    }

    /// <summary>Publishes each message; the peer prints what idlc's decoder made of it, one <c>key=value</c> line per field.</summary>
    private void AssertDecodedFieldByField<T>(T[] messages, string peerType, Func<T, IEnumerable<(string Key, object Value)>> fields)
        where T : class, IRosMessage<T>
    {
        var topic = TestNames.Topic("print_" + T.TypeInfo.ShortName);
        var publisher = _env.CreateNode(TestNames.Node("print_source")).CreatePublisher<T>(topic);
        var count = messages.Length.ToString(CultureInfo.InvariantCulture);
        using var peer = PeerProcess.Start(_peer.Executable, PeerDomain, "print", peerType, RosTopicNames.Topic(topic), count, "60");
        peer.ExpectLine(l => l == "ready", "the peer's reader matched our writer");
        peer.ExpectOurSide(() => publisher.SubscriptionCount > 0, () => $"our writer matched the peer's reader ({GraphSeen(topic)})");
        foreach (var message in messages)
        {
            publisher.Publish(message);
        }

        Assert.True(peer.WaitForExit(PeerProcess.LineTimeout) && peer.ExitCode == 0, peer.Describe());
        var output = peer.Output.ToList();
        for (var i = 0; i < messages.Length; i++)
        {
            var start = output.IndexOf($"sample {i}");
            Assert.True(start >= 0, $"no sample {i}\n{peer.Describe()}");
            var lines = output.Skip(start + 1).TakeWhile(l => l != "end").ToList();
            AssertFields([.. fields(messages[i])], lines, $"{T.TypeInfo.Name} #{i}");
        }
    }

    /// <summary>Integers and strings compare as text; floating point is parsed back and compared bit for bit (so -0 ≠ 0).</summary>
    private static void AssertFields(IReadOnlyList<(string Key, object Value)> expected, IReadOnlyList<string> lines, string what)
    {
        var actual = lines.Select(l => (Key: l[..l.IndexOf('=', StringComparison.Ordinal)], Text: l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..])).ToList();
        Assert.Equal(expected.Select(e => e.Key), actual.Select(a => a.Key));
        for (var i = 0; i < expected.Count; i++)
        {
            var (key, value) = expected[i];
            var text = actual[i].Text;
            var because = $"{what} {key}: we encoded {Format(value)}, Cyclone decoded {text}";
            switch (value)
            {
                case double d:
                    Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var decoded) && BitConverter.DoubleToInt64Bits(decoded) == BitConverter.DoubleToInt64Bits(d), because);
                    break;
                case float f:
                    Assert.True(float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var decodedSingle) && BitConverter.SingleToInt32Bits(decodedSingle) == BitConverter.SingleToInt32Bits(f), because);
                    break;
                default:
                    Assert.True(Format(value) == text, because);
                    break;
            }
        }
    }

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
