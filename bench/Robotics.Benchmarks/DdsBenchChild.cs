using System.Diagnostics;
using System.Globalization;
using Robotics.Messages.SensorMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware.Dds;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Qos;
using Robotics.Middleware.Topics;
using Robotics.Middleware.Time;

namespace Robotics.Benchmarks;

/// <summary>
/// The far side of the DDS benchmark, run as a child process of the bench (<c>dds-child ...</c>) so that every
/// sample crosses UDP on loopback: two transports in one process would share one Cyclone domain and deliver locally.
/// Its Cyclone configuration comes only from CYCLONEDDS_URI, which the parent sets (loopback pinning, tag, tuning).
/// Protocol: one line per command on stdin, one line per answer on stdout; diagnostics go to stderr.
/// <list type="bullet">
/// <item><c>dds-child pub kib|image on|off DOMAIN TOPIC</c>: prints <c>ready</c> once the parent's reader matched,
/// then <c>send N</c> publishes N messages as fast as flow control allows and <c>stream N HZ</c> publishes N at a
/// fixed rate with the header stamp set just before each publish; both answer <c>sent N</c>.</item>
/// <item><c>dds-child pong DOMAIN PING_TOPIC PONG_TOPIC</c>: publishes every ping back on the pong topic.</item>
/// </list>
/// <c>quit</c> or the end of stdin ends both.
/// </summary>
internal static class DdsBenchChild
{
    /// <summary>1012 data bytes: a 1024-byte CDR body (u32 dim count, u32 data_offset, u32 length, data), like ddsperf's <c>size 1024</c>.</summary>
    public const int KibDataBytes = 1012;

    /// <summary>Reliable keep-all (bounded at 10 000 samples), as ddsperf's data writer and reader.</summary>
    public static QosProfile StreamQos { get; } = new(1) { History = History.KeepAll };

    /// <summary>Reliable keep-last 1, as ddsperf's ping and pong endpoints.</summary>
    public static QosProfile PingQos { get; } = new(1);

    public static UInt8MultiArray Kib() => new() { Data = new byte[KibDataBytes] };

    /// <summary>The smallest ping: no data, a 12-byte CDR body, the size of ddsperf's minimal KS sample.</summary>
    public static UInt8MultiArray Ping() => new();

    public static Image Camera()
    {
        var image = new Image { Header = new Header { FrameId = "camera" }, Height = 480, Width = 640, Encoding = "rgb8", Step = 640 * 3, Data = new byte[640 * 480 * 3] };
        Random.Shared.NextBytes(image.Data);
        return image;
    }

    /// <summary>Options for a child's transport: everything else (loopback, tag, tuning) is in CYCLONEDDS_URI.</summary>
    public static DdsOptions Options(int domain, bool batchWrites) => new()
    {
        DomainId = domain,
        Discovery = new DiscoveryConfig(DiscoveryRange.SystemDefault, [], LocalhostOnly: false),
        BatchWrites = batchWrites,
    };

    public static int Run(string[] args)
    {
        try
        {
            return args switch
            {
                ["pub", var kind, var batch, var domain, var topic] => Publish(kind, batch == "on", Int(domain), topic),
                ["pong", var domain, var ping, var pong] => Pong(Int(domain), ping, pong),
                _ => Usage(),
            };
        }
#pragma warning disable CA1031 // A child reports every failure on stderr with a non-zero exit; the parent shows it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"dds-child {string.Join(' ', args)}: {e}");
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: dds-child pub kib|image on|off DOMAIN TOPIC | dds-child pong DOMAIN PING_TOPIC PONG_TOPIC");
        return 2;
    }

    private static int Publish(string kind, bool batch, int domain, string topic) => kind switch
    {
        "kib" => Publish(Kib(), batch, domain, topic, stamp: null),
        "image" => Publish(Camera(), batch, domain, topic, stamp: (image, now) => image.Header.Stamp = RosTime.ToMessage(now)),
        _ => Usage(),
    };

    private static int Publish<T>(T message, bool batch, int domain, string topic, Action<T, DateTimeOffset>? stamp)
        where T : class, Messages.IRosMessage<T>
    {
        using var host = new DdsHost(Options(domain, batch), "bench_dds_source");
        var publisher = host.Node.CreatePublisher<T>(topic, StreamQos);
        DdsHost.WaitFor(() => publisher.SubscriptionCount > 0, TimeSpan.FromSeconds(30), $"a subscriber on {topic}");
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } command)
        {
            switch (command.Split(' '))
            {
                case ["send", var n]:
                    for (var i = Int(n); i > 0; i--)
                    {
                        stamp?.Invoke(message, DateTimeOffset.UtcNow);
                        publisher.Publish(message);
                    }

                    host.Transport.Flush();
                    Console.WriteLine($"sent {n}");
                    break;
                case ["stream", var n, var hz]:
                    Stream(publisher, message, stamp, Int(n), Int(hz));
                    host.Transport.Flush();
                    Console.WriteLine($"sent {n}");
                    break;
                case ["quit"]:
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown command '{command}'");
                    return 2;
            }
        }

        return 0;
    }

    /// <summary>A paced source (a camera): each publish at its slot; sleeps in between, spins only the last ms.</summary>
    private static void Stream<T>(Publisher<T> publisher, T message, Action<T, DateTimeOffset>? stamp, int count, int hz)
        where T : class, Messages.IRosMessage<T>
    {
        var period = Stopwatch.Frequency / (double)hz;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * period);
            while (Stopwatch.GetTimestamp() is var now && now < due)
            {
                var left = (due - now) * 1000.0 / Stopwatch.Frequency;
                if (left > 2)
                {
                    Thread.Sleep((int)left - 1);
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            stamp?.Invoke(message, DateTimeOffset.UtcNow);
            publisher.Publish(message);
        }
    }

    private static int Pong(int domain, string pingTopic, string pongTopic)
    {
        using var host = new DdsHost(Options(domain, batchWrites: false), "bench_dds_pong");
        var pong = host.Node.CreatePublisher<UInt8MultiArray>(pongTopic, PingQos);
        // Echo from the subscription callback (on the executor), the way a ROS node answers.
        host.Node.CreateSubscription<UInt8MultiArray>(pingTopic, pong.Publish, PingQos);
        DdsHost.WaitFor(() => pong.SubscriptionCount > 0, TimeSpan.FromSeconds(30), $"a subscriber on {pongTopic}");
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } command && command != "quit")
        {
        }

        return 0;
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
