using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Logging;
using Robotics.Middleware.Qos;

namespace Robotics.Benchmarks;

/// <summary>
/// In-process pub/sub (publisher → bus → keep-last queue → executor → callback) against a raw bounded
/// <see cref="Channel{T}"/> carrying the same JointState references between the same two threads. Both get the
/// same protocol: bursts of 512, the producer waits for the consumer to catch up, so neither drops.
/// </summary>
internal static class PubSubBenchmark
{
    private const int Burst = 512;

    public static JsonObject Run(bool quick)
    {
        var messages = quick ? 200_000 : 2_000_000;
        var pings = quick ? 2_000 : 20_000;
        var message = new JointState { Name = ["j1", "j2", "j3", "j4", "j5", "j6"], Position = new double[6], Velocity = new double[6], Effort = new double[6] };

        var ours = new InProcessPipe(message);
        var channel = new ChannelPipe(message);
        try
        {
            // Warm both up (JIT, tiering), then measure alternately to share the machine's noise.
            ours.Throughput(messages / 4);
            channel.Throughput(messages / 4);
            // Many short alternating rounds: load on the two shared cores changes from second to second (single
            // rounds swing 2-4x), so interleaving finely gives both sides the same mix of quiet and busy moments.
            // Throughput is total messages over total time per side; the spread of per-pair ratios is reported too.
            const int Rounds = 40;
            var oursRounds = new List<(double Rate, double BytesPerMessage)>();
            var channelRounds = new List<(double Rate, double BytesPerMessage)>();
            for (var round = 0; round < Rounds; round++)
            {
                oursRounds.Add(ours.Throughput(messages / Rounds));
                channelRounds.Add(channel.Throughput(messages / Rounds));
            }

            var ratios = oursRounds.Zip(channelRounds, (o, c) => o.Rate / c.Rate).Order().ToList();
            var oursResult = Combine(oursRounds);
            var channelResult = Combine(channelRounds);
            var oursLatency = ours.Latency(pings);
            var channelLatency = channel.Latency(pings);
            return new JsonObject
            {
                ["messages"] = messages,
                ["ours_msgs_per_s"] = Math.Round(oursResult.Rate),
                ["channel_msgs_per_s"] = Math.Round(channelResult.Rate),
                ["throughput_ratio"] = Math.Round(oursResult.Rate / channelResult.Rate, 2),
                ["pair_ratio_p10_p50_p90"] = new JsonArray(Math.Round(Measure.Percentile(ratios, 0.1), 2), Math.Round(Measure.Percentile(ratios, 0.5), 2), Math.Round(Measure.Percentile(ratios, 0.9), 2)),
                ["ours_bytes_per_msg"] = Math.Round(oursResult.BytesPerMessage, 2),
                ["channel_bytes_per_msg"] = Math.Round(channelResult.BytesPerMessage, 2),
                ["ours_latency_us_p50"] = Math.Round(oursLatency.P50, 2),
                ["ours_latency_us_p99"] = Math.Round(oursLatency.P99, 2),
                ["channel_latency_us_p50"] = Math.Round(channelLatency.P50, 2),
                ["channel_latency_us_p99"] = Math.Round(channelLatency.P99, 2),
            };
        }
        finally
        {
            ours.Dispose();
            channel.Dispose();
        }
    }

    // Equal message counts per round, so the overall rate is the harmonic mean of the round rates.
    private static (double Rate, double BytesPerMessage) Combine(List<(double Rate, double BytesPerMessage)> rounds) =>
        (rounds.Count / rounds.Sum(r => 1 / r.Rate), rounds.Average(r => r.BytesPerMessage));

    private static (double Rate, double BytesPerMessage) Drive(Action<JointState> send, Func<long> consumed, JointState message, int count)
    {
        var start = consumed();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var spin = default(SpinWait);
        for (var sent = 0; sent < count; sent += Burst)
        {
            for (var i = 0; i < Burst; i++)
            {
                send(message);
            }

            while (consumed() - start < sent + Burst)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        var elapsed = sw.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (count / elapsed, allocated / (double)count);
    }

    private static (double P50, double P99) Ping(Action<JointState> send, Func<long> consumed, JointState message, int count)
    {
        var samples = new List<double>(count);
        var spin = default(SpinWait);
        for (var i = 0; i < count; i++)
        {
            var target = consumed() + 1;
            var t0 = Stopwatch.GetTimestamp();
            send(message);
            while (consumed() < target)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            samples.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }

        samples.Sort();
        return (Measure.Percentile(samples, 0.5), Measure.Percentile(samples, 0.99));
    }

    private sealed class InProcessPipe : IDisposable
    {
        private readonly RosContext _context = new(new ContextOptions { LogSink = new NullSink() });
        private readonly SingleThreadedExecutor _executor = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;
        private readonly JointState _message;
        private readonly Action<JointState> _publish;
        private long _received;

        public InProcessPipe(JointState message)
        {
            _message = message;
            var options = new NodeOptions { EnableRosout = false, PublishParameterEvents = false, StartParameterServices = false };
            var qos = QosProfile.Default with { Depth = 1024 };
            var publisher = _context.CreateNode("bench_pub", options).CreatePublisher<JointState>("/joint_states", qos);
            var subscriber = _context.CreateNode("bench_sub", options);
            subscriber.CreateSubscription<JointState>("/joint_states", _ => Interlocked.Increment(ref _received), qos);
            _executor.Add(subscriber);
            _publish = publisher.Publish;
            _thread = new Thread(() => _executor.Spin(_stop.Token)) { IsBackground = true, Name = "bench-executor" };
            _thread.Start();
        }

        public (double Rate, double BytesPerMessage) Throughput(int count) => Drive(_publish, () => Interlocked.Read(ref _received), _message, count);

        public (double P50, double P99) Latency(int count) => Ping(_publish, () => Interlocked.Read(ref _received), _message, count);

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join();
            _executor.Dispose();
            _context.Dispose();
            _stop.Dispose();
        }
    }

    private sealed class ChannelPipe : IDisposable
    {
        private readonly Channel<JointState> _channel = Channel.CreateBounded<JointState>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.DropOldest });
        private readonly Task _reader;
        private readonly JointState _message;
        private readonly Action<JointState> _write;
        private long _received;

        public ChannelPipe(JointState message)
        {
            _message = message;
            _write = m => _channel.Writer.TryWrite(m);
            _reader = Task.Run(async () =>
            {
                while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (_channel.Reader.TryRead(out _))
                    {
                        Interlocked.Increment(ref _received);
                    }
                }
            });
        }

        public (double Rate, double BytesPerMessage) Throughput(int count) => Drive(_write, () => Interlocked.Read(ref _received), _message, count);

        public (double P50, double P99) Latency(int count) => Ping(_write, () => Interlocked.Read(ref _received), _message, count);

        public void Dispose()
        {
            _channel.Writer.Complete();
            _reader.Wait();
        }
    }

    private sealed class NullSink : ILogSink
    {
        public void Write(in LogRecord record)
        {
        }
    }
}
