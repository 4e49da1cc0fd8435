using System.Diagnostics;
using Robotics.Middleware;
using Robotics.Middleware.Dds;
using Robotics.Middleware.Dds.Wire;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Logging;

namespace Robotics.Benchmarks;

/// <summary>
/// Cyclone configuration that keeps every process of the DDS benchmark on the loopback interface (ROS2_WIRE.md
/// "Never leave loopback"): only <c>lo</c>, no multicast, unicast discovery to 127.0.0.1 only, and a discovery tag
/// no other process on the machine uses. Our processes and ddsperf get exactly the same XML.
/// </summary>
internal sealed record DdsLoopback(int DomainId, string Tag, string? ExtraConfigFile = null)
{
    /// <summary>Domain 77: off the default 0 and the ids the test suites use; isolation comes from the tag anyway.</summary>
    public const int Domain = 77;

    public static string LargeMessagesFile(string root) => Path.Combine(root, "launch", "dds", "cyclonedds-large-messages.xml");

    /// <summary>A tag unique to this bench process and purpose, so concurrent runs and other engineers never meet.</summary>
    public static DdsLoopback Create(string purpose, string? extraConfigFile = null) =>
        new(Domain, $"robotics-bench-{Environment.ProcessId}-{purpose}", extraConfigFile);

    public DdsLoopback WithTag(string suffix) => this with { Tag = $"{Tag}-{suffix}" };

    /// <summary>The value of CYCLONEDDS_URI: the loopback pinning, then (if any) the tuning file, which only adds settings.</summary>
    public string CycloneUri
    {
        get
        {
            var xml = "<CycloneDDS><Domain id=\"any\"><General><Interfaces><NetworkInterface name=\"lo\"/></Interfaces>"
                + "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>auto</ParticipantIndex>"
                + $"<Peers><Peer address=\"127.0.0.1\"/></Peers><Tag>{Tag}</Tag></Discovery></Domain></CycloneDDS>";
            return ExtraConfigFile is null ? xml : $"{xml},file://{ExtraConfigFile}";
        }
    }

    /// <summary>Pins a child process (ours or ddsperf) to this configuration, whatever the caller's environment says.</summary>
    public void Apply(ProcessStartInfo info)
    {
        info.Environment["CYCLONEDDS_URI"] = CycloneUri;
        info.Environment["ROS_DOMAIN_ID"] = DomainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // rmw's discovery variables would add their own fragment (and a "localhost" peer) in our children.
        info.Environment.Remove("ROS_AUTOMATIC_DISCOVERY_RANGE");
        info.Environment.Remove("ROS_STATIC_PEERS");
        info.Environment.Remove("ROS_LOCALHOST_ONLY");
    }

    /// <summary>
    /// Options for a <see cref="DdsTransport"/> in this process: no rmw discovery fragment (it would add a
    /// "localhost" peer); the loopback XML as <see cref="DdsOptions.ExtraConfig"/>, which comes last and so wins over
    /// any CYCLONEDDS_URI inherited from the shell.
    /// </summary>
    public DdsOptions TransportOptions(bool batchWrites) => new()
    {
        DomainId = DomainId,
        Discovery = new DiscoveryConfig(DiscoveryRange.SystemDefault, [], LocalhostOnly: false),
        ExtraConfig = CycloneUri,
        BatchWrites = batchWrites,
    };
}

/// <summary>One participant with one node and a <see cref="SingleThreadedExecutor"/> spinning on its own thread.</summary>
internal sealed class DdsHost : IDisposable
{
    private readonly SingleThreadedExecutor _executor = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public DdsHost(DdsOptions options, string nodeName)
    {
        Transport = new DdsTransport(options);
        Context = new RosContext(new ContextOptions { Transport = Transport, LogSink = new StderrSink() });
        Node = Context.CreateNode(nodeName, new NodeOptions { EnableRosout = false, PublishParameterEvents = false, StartParameterServices = false });
        _executor.Add(Node);
        _thread = new Thread(() => _executor.Spin(_stop.Token)) { IsBackground = true, Name = $"{nodeName}-executor" };
        _thread.Start();
    }

    public DdsTransport Transport { get; }

    public RosContext Context { get; }

    public Node Node { get; }

    public long CallbackErrors => _executor.CallbackErrors;

    /// <summary>Polls until <paramref name="condition"/> holds (discovery), or throws after <paramref name="timeout"/>.</summary>
    public static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }

            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _executor.Dispose();
        Context.Dispose();
        _stop.Dispose();
    }

    private sealed class StderrSink : ILogSink
    {
        public void Write(in LogRecord record)
        {
            if (record.Level >= LogLevel.Warn)
            {
                Console.Error.WriteLine($"[{record.Level}] {record.Message}");
            }
        }
    }
}
