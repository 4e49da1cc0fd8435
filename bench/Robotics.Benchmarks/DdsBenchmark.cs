using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Topics;
using Robotics.Middleware.Time;

namespace Robotics.Benchmarks;

/// <summary>
/// The DDS transport between two processes on loopback against Cyclone's own <c>ddsperf</c>, measured in the same
/// run in many short alternating rounds (the machine is shared; rounds interleave so both sides get the same mix of
/// quiet and busy seconds). Our far side is this executable in <c>dds-child</c> mode (<see cref="DdsBenchChild"/>).
/// <list type="number">
/// <item>1 KiB throughput: a child publishes, this process subscribes (executor callback counts), batching on and
/// off; ddsperf pub + sub (ddsperf always batches).</item>
/// <item>Small-message round trip: our ping → child pong → our callback; ddsperf ping + pong (doubled: it prints
/// half round trips).</item>
/// <item>640×480 rgb8 images with launch/dds/cyclonedds-large-messages.xml on both sides: images/s at full speed,
/// and one-way latency at a paced 100 Hz (header stamp → subscription callback; ddsperf: source timestamp → take).</item>
/// </list>
/// Ratios are ours / ddsperf. Goals: throughput ≥ 0.8, round trip ≤ 1.3.
/// </summary>
internal static class DdsBenchmark
{
    private const string KibTopic = "/bench/kib";
    private const string PingTopic = "/bench/ping";
    private const string PongTopic = "/bench/pong";
    private const string ImageTopic = "/bench/image";
    private const int ImageRateHz = 100;

    public static JsonObject Run(string root, bool quick)
    {
        if (!DdsPerf.IsInstalled())
        {
            return new JsonObject { ["error"] = "ddsperf (Cyclone DDS 0.10 tools, apt package cyclonedds-tools) is not installed: run scripts/bootstrap" };
        }

        var plan = quick ? Plan.Quick : Plan.Full;
        var clock = Stopwatch.StartNew();
        var result = new JsonObject
        {
            ["setup"] = new JsonObject
            {
                ["domain"] = DdsLoopback.Domain,
                ["cyclonedds_uri"] = DdsLoopback.Create("<phase>").CycloneUri,
                ["large_messages_xml"] = Path.GetRelativePath(root, DdsLoopback.LargeMessagesFile(root)),
                ["rounds"] = $"{plan.ThroughputRounds} throughput, {plan.LatencyRounds} round-trip, {plan.ImageRounds} image; ours {plan.RoundSeconds} s per round, ddsperf {plan.DdsPerfWindows} whole 1 s windows per round",
                ["ours"] = "this process: DdsTransport + RosContext + SingleThreadedExecutor on a thread; far side: `Robotics.Benchmarks dds-child ...` (a second process, same CYCLONEDDS_URI)",
            },
        };

        Console.Error.WriteLine("dds 1/3: 1 KiB throughput between two processes, ours batched/unbatched vs ddsperf pub+sub ...");
        result["throughput_1kib"] = Throughput(plan);
        Console.Error.WriteLine("dds 2/3: small-message round trip, our ping/pong vs ddsperf ping+pong ...");
        result["roundtrip_small"] = RoundTrip(plan);
        Console.Error.WriteLine($"dds 3/3: 640x480 rgb8 images (large-message tuning), images/s and latency at {ImageRateHz} Hz vs ddsperf ...");
        result["image_640x480"] = Images(root, plan);
        result["wall_seconds"] = Math.Round(clock.Elapsed.TotalSeconds);
        return result;
    }

    private static JsonObject Throughput(Plan plan)
    {
        var loopback = DdsLoopback.Create("kib");
        using var arrivals = new Arrivals(); // before the host: its executor counts into it until the host is gone
        using var host = new DdsHost(loopback.TransportOptions(batchWrites: false), "bench_dds_sink");
        var subscription = host.Node.CreateSubscription<UInt8MultiArray>(KibTopic, _ => arrivals.Arrived(), DdsBenchChild.StreamQos);
        var domain = DdsLoopback.Domain.ToString(CultureInfo.InvariantCulture);
        using var batched = ChildProcess.StartSelf(["dds-child", "pub", "kib", "on", domain, KibTopic], loopback);
        using var unbatched = ChildProcess.StartSelf(["dds-child", "pub", "kib", "off", domain, KibTopic], loopback);
        batched.Expect("ready", TimeSpan.FromSeconds(40));
        unbatched.Expect("ready", TimeSpan.FromSeconds(40));
        var size = Messages.Cdr.CdrSerializer.GetSerializedSize(DdsBenchChild.Kib()) - 4; // CDR body, without the encapsulation header

        // Warm up (JIT, tiering, discovery settling) and size each side's rounds to RoundSeconds.
        var batchedCount = WarmUp(batched, arrivals, 50_000, plan.RoundSeconds);
        var unbatchedCount = WarmUp(unbatched, arrivals, 20_000, plan.RoundSeconds);
        var ours = new Dictionary<string, List<Round>> { ["batched"] = [], ["unbatched"] = [] };
        var peer = new List<ThroughputRound>();
        long lost = 0;
        for (var round = 0; round < plan.ThroughputRounds; round++)
        {
            var b = Send(batched, arrivals, batchedCount);
            var u = Send(unbatched, arrivals, unbatchedCount);
            ours["batched"].Add(b);
            ours["unbatched"].Add(u);
            lost += b.Lost + u.Lost;
            peer.Add(DdsPerf.Throughput(loopback.WithTag($"ddsperf-{round}"), size, plan.DdsPerfWindows));
        }

        batched.Stop();
        unbatched.Stop();
        var peerRate = Rate(peer);
        var result = new JsonObject
        {
            ["message"] = $"std_msgs/UInt8MultiArray with {DdsBenchChild.KibDataBytes} data bytes = {size}-byte CDR body; ddsperf topic KS `size {size}` has the same body size",
            ["qos"] = "reliable, keep-all (10 000 samples) on both sides, as ddsperf's data topic. Our subscription queue (10 000) is filled from Cyclone's listener thread, which takes every sample at once: when the executor falls that far behind, samples are dropped (ours_queue_dropped) with no back-pressure on the DDS writer",
            ["ddsperf_msgs_per_s"] = Math.Round(peerRate),
            ["ddsperf_note"] = "ddsperf always batches (dds_write_set_batch(true) at start, no flag to turn it off), so both of our modes are compared with batched ddsperf",
        };
        foreach (var (mode, rounds) in ours)
        {
            var rate = Rate(rounds);
            var pairs = rounds.Zip(peer, (o, p) => o.Rate / p.Rate).Order().ToList();
            result[$"ours_{mode}_msgs_per_s"] = Math.Round(rate);
            result[$"ratio_{mode}"] = Math.Round(rate / peerRate, 2);
            result[$"pair_ratio_{mode}_p10_p50_p90"] = Spread(pairs);
            result[$"ours_{mode}_cpu_us_per_msg"] = Cpu(rounds);
        }

        result["ddsperf_cpu_us_per_msg"] = Cpu(peer);
        result["goal"] = "ratio >= 0.8";
        result["ours_lost"] = lost;
        result["ours_queue_dropped"] = subscription.DroppedCount;
        result["ddsperf_lost"] = peer.Sum(p => p.Lost);
        result["ddsperf_command"] = peer[^1].Commands;
        result["ours_command"] = $"{batched.CommandLine} (and 'off'), this process subscribes";
        Console.Error.WriteLine($"  ours batched {result["ours_batched_msgs_per_s"]}/s, unbatched {result["ours_unbatched_msgs_per_s"]}/s, ddsperf {result["ddsperf_msgs_per_s"]}/s");
        return result;
    }

    private static JsonObject RoundTrip(Plan plan)
    {
        var loopback = DdsLoopback.Create("ping");
        using var host = new DdsHost(loopback.TransportOptions(batchWrites: false), "bench_dds_ping");
        using var pinger = new Pinger(host);
        var domain = DdsLoopback.Domain.ToString(CultureInfo.InvariantCulture);
        using var pong = ChildProcess.StartSelf(["dds-child", "pong", domain, PingTopic, PongTopic], loopback);
        pong.Expect("ready", TimeSpan.FromSeconds(40));
        DdsHost.WaitFor(() => pinger.Matched, TimeSpan.FromSeconds(30), "the pong process's ping reader");
        var size = Messages.Cdr.CdrSerializer.GetSerializedSize(DdsBenchChild.Ping()) - 4;

        pinger.Run(plan.RoundSeconds); // warm-up
        var gc = GcPauses.Start();
        var ours = new LatencyWindows();
        var peer = new LatencyWindows();
        var pairs = new List<double>();
        var commands = "";
        for (var round = 0; round < plan.LatencyRounds; round++)
        {
            var samples = pinger.Run(plan.RoundSeconds);
            var mine = new LatencyWindows();
            mine.AddSamples(samples, plan.RoundSeconds);
            ours.AddSamples(samples, plan.RoundSeconds);
            var theirs = new LatencyWindows();
            commands = DdsPerf.PingPong(loopback.WithTag($"ddsperf-{round}"), size, plan.DdsPerfWindows, theirs);
            peer.Merge(theirs);
            pairs.Add(mine.MedianP50 / theirs.MedianP50);
        }

        pong.Stop();
        var result = new JsonObject
        {
            ["message"] = $"std_msgs/UInt8MultiArray, empty = {size}-byte CDR body; ddsperf KS `size {size}` (its minimum)",
            ["qos"] = "reliable, keep-last 1 both ways, as ddsperf's ping/pong; no batching (ddsperf flushes every ping and pong)",
            ["what"] = "full round trip in µs: ours from before publish to the pong's subscription callback (executor) in this process; ddsperf's printed values doubled, because ddsperf prints half the round trip",
            ["ours"] = ours.ToJson("us", 1),
            ["ddsperf"] = peer.ToJson("us", 1),
            ["ratio_p50"] = Math.Round(ours.MedianP50 / peer.MedianP50, 2),
            ["ratio_p99"] = Math.Round(ours.MedianP99 / peer.MedianP99, 2),
            ["pair_ratio_p50_p10_p50_p90"] = Spread([.. pairs.Order()]),
            ["goal"] = "ratio <= 1.3",
            ["ours_pinger_gc"] = gc.Stop(),
            ["ddsperf_command"] = commands,
            ["ours_command"] = $"{pong.CommandLine}, this process pings",
        };
        Console.Error.WriteLine($"  round trip p50/p99: ours {ours.MedianP50:0.0}/{ours.MedianP99:0.0} µs, ddsperf {peer.MedianP50:0.0}/{peer.MedianP99:0.0} µs");
        return result;
    }

    private static JsonObject Images(string root, Plan plan)
    {
        var tuning = DdsLoopback.LargeMessagesFile(root);
        var loopback = DdsLoopback.Create("image", tuning);
        using var host = new DdsHost(loopback.TransportOptions(batchWrites: false), "bench_dds_viewer");
        using var sink = new ImageSink(host);
        var domain = DdsLoopback.Domain.ToString(CultureInfo.InvariantCulture);
        using var camera = ChildProcess.StartSelf(["dds-child", "pub", "image", "off", domain, ImageTopic], loopback);
        camera.Expect("ready", TimeSpan.FromSeconds(40));
        var size = Messages.Cdr.CdrSerializer.GetSerializedSize(DdsBenchChild.Camera()) - 4;

        // Throughput at full speed (reliable keep-all writer, flow-controlled by Cyclone), alternating with ddsperf.
        var count = WarmUp(camera, sink.Arrivals, 300, plan.RoundSeconds);
        var ours = new List<Round>();
        var peer = new List<ThroughputRound>();
        long lost = 0;
        for (var round = 0; round < plan.ImageRounds; round++)
        {
            var r = Send(camera, sink.Arrivals, count);
            ours.Add(r);
            lost += r.Lost;
            peer.Add(DdsPerf.Throughput(loopback.WithTag($"ddsperf-thr-{round}"), size, plan.DdsPerfWindows));
        }

        // One-way latency at a camera-like paced rate, alternating with ddsperf at the same rate and size.
        var streamSeconds = Math.Max(2, (int)plan.RoundSeconds + 1);
        sink.Stream(camera, ImageRateHz, streamSeconds); // warm-up
        var gc = GcPauses.Start();
        var latency = new LatencyWindows();
        var peerLatency = new LatencyWindows();
        var latencyCommand = "";
        for (var round = 0; round < plan.ImageRounds; round++)
        {
            latency.AddSamples(sink.Stream(camera, ImageRateHz, streamSeconds), streamSeconds);
            latencyCommand = DdsPerf.PacedLatency(loopback.WithTag($"ddsperf-lat-{round}"), size, ImageRateHz, plan.DdsPerfWindows, peerLatency);
        }

        camera.Stop();
        var rate = Rate(ours);
        var peerRate = Rate(peer);
        var result = new JsonObject
        {
            ["message"] = $"sensor_msgs/Image 640x480 rgb8 = {size}-byte CDR body; ddsperf KS `size {size}`",
            ["tuning"] = Path.GetRelativePath(root, tuning) + " on both sides (ours and ddsperf), after the loopback pinning",
            ["qos"] = "writer reliable keep-all (as ddsperf); our subscription reliable keep-last 100 (bounds memory; drops are counted)",
            ["ours_images_per_s"] = Math.Round(rate, 1),
            ["ddsperf_images_per_s"] = Math.Round(peerRate, 1),
            ["ratio_images_per_s"] = Math.Round(rate / peerRate, 2),
            ["pair_ratio_p10_p50_p90"] = Spread([.. ours.Zip(peer, (o, p) => o.Rate / p.Rate).Order()]),
            ["ours_cpu_us_per_image"] = Cpu(ours),
            ["ddsperf_cpu_us_per_image"] = Cpu(peer),
            ["latency_rate_hz"] = ImageRateHz,
            ["latency_what"] = "one-way ms: ours header stamp (set just before publish) to the subscription callback; ddsperf -l sub: source timestamp to take; same clock (CLOCK_REALTIME)",
            ["ours_latency"] = latency.ToJson("ms", 2),
            ["ddsperf_latency"] = peerLatency.ToJson("ms", 2),
            ["ratio_latency_p50"] = Math.Round(latency.MedianP50 / peerLatency.MedianP50, 2),
            ["ratio_latency_p99"] = Math.Round(latency.MedianP99 / peerLatency.MedianP99, 2),
            ["ours_subscriber_gc"] = gc.Stop(),
            ["ours_lost"] = lost,
            ["ours_queue_dropped"] = sink.Dropped,
            ["ddsperf_lost"] = peer.Sum(p => p.Lost),
            ["ddsperf_commands"] = new JsonArray(peer[^1].Commands, latencyCommand),
            ["ours_command"] = $"{camera.CommandLine}, this process subscribes",
        };
        Console.Error.WriteLine($"  images/s ours {rate:0} vs ddsperf {peerRate:0}; latency p50/p99 ours {latency.MedianP50:0.00}/{latency.MedianP99:0.00} ms, ddsperf {peerLatency.MedianP50:0.00}/{peerLatency.MedianP99:0.00} ms");
        return result;
    }

    /// <summary>
    /// Asks a publishing child for <paramref name="count"/> messages at full speed and times their arrival here; also
    /// the CPU time both processes spent (all threads: Cyclone's receive thread, executor, GC, JIT) per message.
    /// </summary>
    private static Round Send(ChildProcess child, Arrivals arrivals, int count)
    {
        using var self = Process.GetCurrentProcess();
        var (sinkCpu, sourceCpu) = (self.TotalProcessorTime, child.ProcessorTime);
        var before = arrivals.Arm(count);
        var start = Stopwatch.GetTimestamp();
        child.Send($"send {count}");
        var (received, last) = arrivals.Await(before, count, idle: TimeSpan.FromSeconds(3));
        child.Expect("sent", TimeSpan.FromSeconds(30));
        var seconds = Stopwatch.GetElapsedTime(start, last).TotalSeconds;
        self.Refresh();
        return new Round(received, seconds, count - received, (self.TotalProcessorTime - sinkCpu).TotalSeconds, (child.ProcessorTime - sourceCpu).TotalSeconds);
    }

    /// <summary>Warm-up (JIT tiering, discovery settling): two rounds, the second about 1.5 s; returns a round's count.</summary>
    private static int WarmUp(ChildProcess child, Arrivals arrivals, int first, double roundSeconds)
    {
        var rate = Send(child, arrivals, first).Rate;
        rate = Send(child, arrivals, Count(rate, 1.5)).Rate;
        return Count(rate, roundSeconds);
    }

    private static JsonObject Cpu(List<Round> rounds) =>
        Cpu(rounds.Sum(r => r.Received), rounds.Sum(r => r.Seconds), rounds.Sum(r => r.SinkCpu), rounds.Sum(r => r.SourceCpu));

    private static JsonObject Cpu(List<ThroughputRound> rounds) =>
        Cpu(rounds.Sum(r => r.Messages), rounds.Sum(r => r.Seconds), rounds.Sum(r => r.SubscriberCpu), rounds.Sum(r => r.PublisherCpu));

    /// <summary>CPU µs per message of each process (all its threads), and the cores both kept busy together.</summary>
    private static JsonObject Cpu(long messages, double seconds, double subscriberCpu, double publisherCpu) => new()
    {
        ["subscriber_process"] = Math.Round(subscriberCpu * 1e6 / messages, 2),
        ["publisher_process"] = Math.Round(publisherCpu * 1e6 / messages, 2),
        ["busy_cores"] = Math.Round((subscriberCpu + publisherCpu) / seconds, 2),
    };

    private readonly record struct Round(long Received, double Seconds, long Lost, double SinkCpu, double SourceCpu)
    {
        public double Rate => Received / Seconds;
    }

    private static int Count(double rate, double seconds) => (int)Math.Clamp(rate * seconds, 50, 5_000_000);

    // Total messages over total time: each side's rounds weighted by their duration.
    private static double Rate(List<ThroughputRound> rounds) => rounds.Sum(r => r.Messages) / rounds.Sum(r => r.Seconds);

    private static double Rate(List<Round> rounds) => rounds.Sum(r => r.Received) / rounds.Sum(r => r.Seconds);

    private static JsonArray Spread(List<double> sorted) => sorted.Count == 0
        ? []
        : new JsonArray(Math.Round(Measure.Percentile(sorted, 0.1), 2), Math.Round(Measure.Percentile(sorted, 0.5), 2), Math.Round(Measure.Percentile(sorted, 0.9), 2));

    /// <summary>
    /// Garbage collections in this process over a phase (including ddsperf's rounds, when we are idle): each pause
    /// stops the subscription callback, so they bound what our tail latency can be.
    /// </summary>
    private sealed record GcPauses(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Ticks)
    {
        public static GcPauses Start() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), Stopwatch.GetTimestamp());

        public JsonObject Stop() => new()
        {
            ["gen0"] = GC.CollectionCount(0) - Gen0,
            ["gen1"] = GC.CollectionCount(1) - Gen1,
            ["gen2"] = GC.CollectionCount(2) - Gen2,
            ["paused_ms"] = Math.Round((GC.GetTotalPauseDuration() - Paused).TotalMilliseconds, 1),
            ["over_s"] = Math.Round(Stopwatch.GetElapsedTime(Ticks).TotalSeconds, 1),
        };
    }

    private sealed record Plan(int ThroughputRounds, int LatencyRounds, int ImageRounds, double RoundSeconds, int DdsPerfWindows)
    {
        public static Plan Quick { get; } = new(ThroughputRounds: 2, LatencyRounds: 2, ImageRounds: 1, RoundSeconds: 1, DdsPerfWindows: 2);

        public static Plan Full { get; } = new(ThroughputRounds: 6, LatencyRounds: 5, ImageRounds: 4, RoundSeconds: 2, DdsPerfWindows: 3);
    }

    /// <summary>Counts arrivals on the executor thread; the bench thread waits for a target or for silence.</summary>
    private sealed class Arrivals : IDisposable
    {
        private readonly ManualResetEventSlim _reached = new(false);
        private long _count;
        private long _target = long.MaxValue;
        private long _lastTicks;

        public void Arrived()
        {
            var n = Interlocked.Increment(ref _count);
            Volatile.Write(ref _lastTicks, Stopwatch.GetTimestamp());
            if (n == Volatile.Read(ref _target))
            {
                _reached.Set();
            }
        }

        /// <summary>Expects <paramref name="count"/> more; returns the count so far.</summary>
        public long Arm(long count)
        {
            _reached.Reset();
            var before = Interlocked.Read(ref _count);
            Volatile.Write(ref _target, before + count);
            return before;
        }

        /// <summary>Until all arrived, or none arrived for <paramref name="idle"/>: (how many, when the last one came).</summary>
        public (long Received, long LastTicks) Await(long before, long count, TimeSpan idle)
        {
            var seen = before;
            var quietSince = Stopwatch.GetTimestamp();
            while (!_reached.Wait(TimeSpan.FromMilliseconds(100)))
            {
                var now = Interlocked.Read(ref _count);
                if (now != seen)
                {
                    (seen, quietSince) = (now, Stopwatch.GetTimestamp());
                }
                else if (Stopwatch.GetElapsedTime(quietSince) > idle)
                {
                    Console.Error.WriteLine($"  warning: {before + count - now} of {count} messages did not arrive");
                    break;
                }
            }

            return (Math.Min(Interlocked.Read(ref _count) - before, count), Volatile.Read(ref _lastTicks));
        }

        public void Dispose() => _reached.Dispose();
    }

    /// <summary>
    /// Our ping: publish, and in the pong's subscription callback (executor thread) record the round trip and send the
    /// next ping at once, as ddsperf's ping does from its pong listener: one ping in flight, back to back.
    /// </summary>
    private sealed class Pinger : IDisposable
    {
        private readonly Publisher<UInt8MultiArray> _ping;
        private readonly UInt8MultiArray _message = DdsBenchChild.Ping();
        private readonly ManualResetEventSlim _done = new(false);
        private List<(double Seconds, double Latency)> _samples = [];
        private long _start;
        private long _deadline;
        private long _sent;
        private long _pongs;

        public Pinger(DdsHost host)
        {
            _ping = host.Node.CreatePublisher<UInt8MultiArray>(PingTopic, DdsBenchChild.PingQos);
            host.Node.CreateSubscription<UInt8MultiArray>(PongTopic, OnPong, DdsBenchChild.PingQos);
        }

        public bool Matched => _ping.SubscriptionCount > 0;

        /// <summary>Pings back to back for <paramref name="seconds"/>; (seconds since start, round trip µs) per pong.</summary>
        public List<(double Seconds, double Latency)> Run(double seconds)
        {
            _samples = new List<(double, double)>(200_000);
            _done.Reset();
            _start = Stopwatch.GetTimestamp();
            _deadline = _start + (long)(seconds * Stopwatch.Frequency);
            _sent = Stopwatch.GetTimestamp();
            _ping.Publish(_message);
            var pongs = Interlocked.Read(ref _pongs);
            while (!_done.Wait(TimeSpan.FromSeconds(3)))
            {
                if (Interlocked.Read(ref _pongs) == pongs)
                {
                    throw new TimeoutException("no pong for 3 s: a ping or pong was lost");
                }

                pongs = Interlocked.Read(ref _pongs);
            }

            return _samples;
        }

        private void OnPong(UInt8MultiArray pong)
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _pongs);
            _samples.Add(((now - _start) / (double)Stopwatch.Frequency, (now - _sent) * 1e6 / Stopwatch.Frequency));
            if (now >= _deadline)
            {
                _done.Set();
                return;
            }

            _sent = Stopwatch.GetTimestamp();
            _ping.Publish(_message);
        }

        public void Dispose() => _done.Dispose();
    }

    /// <summary>Receives images: counts them, and during a paced stream records header-stamp-to-callback latency.</summary>
    private sealed class ImageSink : IDisposable
    {
        private readonly Subscription<Image> _subscription;
        private List<(double Seconds, double Latency)>? _latencies;
        private long _start;

        public ImageSink(DdsHost host) =>
            _subscription = host.Node.CreateSubscription<Image>(ImageTopic, OnImage, new QosProfile(100));

        public Arrivals Arrivals { get; } = new();

        public long Dropped => _subscription.DroppedCount;

        /// <summary>Has the child publish <paramref name="hz"/> images a second for <paramref name="seconds"/>; the latencies in ms.</summary>
        public List<(double Seconds, double Latency)> Stream(ChildProcess camera, int hz, int seconds)
        {
            var count = hz * seconds;
            var latencies = new List<(double, double)>(count);
            Volatile.Write(ref _latencies, latencies);
            _start = Stopwatch.GetTimestamp();
            var before = Arrivals.Arm(count);
            camera.Send($"stream {count} {hz}");
            Arrivals.Await(before, count, idle: TimeSpan.FromSeconds(3));
            camera.Expect("sent", TimeSpan.FromSeconds(seconds + 30));
            Volatile.Write(ref _latencies, null);
            return latencies;
        }

        public void Dispose() => Arrivals.Dispose();

        private void OnImage(Image image)
        {
            var latency = DateTimeOffset.UtcNow - RosTime.ToDateTime(image.Header.Stamp);
            Volatile.Read(ref _latencies)?.Add((Stopwatch.GetElapsedTime(_start).TotalSeconds, latency.TotalMilliseconds));
            Arrivals.Arrived();
        }
    }
}
