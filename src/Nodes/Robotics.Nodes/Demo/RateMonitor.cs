using System.Globalization;
using Robotics.Messages.DiagnosticMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Parameters;
using Robotics.Middleware.Topics;

namespace Robotics.Nodes.Demo;

/// <summary>
/// Watches a JointState topic and publishes its rate and drops on <c>/diagnostics</c> once a second, WARN when the
/// rate falls below <c>expected_hz</c> × 0.9 (the topic_tools/diagnostic_updater convention).
/// </summary>
public sealed class RateMonitor : Node
{
    private readonly Publisher<DiagnosticArray> _diagnostics;
    private readonly Subscription<JointState> _subscription;
    private readonly double _expectedHz;
    private long _count;
    private long _lastCount;
    private long _lastTicks;

    public RateMonitor(RosContext context, string name, NodeOptions? options = null)
        : base(context, name, options)
    {
        var topic = Parameters.Declare("topic", "joint_states");
        _expectedHz = Parameters.Declare("expected_hz", 100.0, new ParameterDescriptor { FloatingPointRange = new FloatingPointRange(0, 100_000) });
        _diagnostics = CreatePublisher<DiagnosticArray>("/diagnostics");
        _subscription = CreateSubscription<JointState>(topic, _ => Interlocked.Increment(ref _count));
        _lastTicks = Clock.GetTimestamp();
        CreateTimer(TimeSpan.FromSeconds(1), Report);
    }

    /// <summary>The rate measured over the last reporting period.</summary>
    public double LastRateHz { get; private set; }

    private void Report()
    {
        var count = Interlocked.Read(ref _count);
        var elapsed = Clock.GetElapsedTime(_lastTicks).TotalSeconds;
        LastRateHz = elapsed > 0 ? (count - _lastCount) / elapsed : 0;
        _lastCount = count;
        _lastTicks = Clock.GetTimestamp();
        var ok = LastRateHz >= _expectedHz * 0.9;
        _diagnostics.Publish(new DiagnosticArray
        {
            Header = new Messages.StdMsgs.Header { Stamp = Now() },
            Status =
            [
                new DiagnosticStatus
                {
                    Level = ok ? DiagnosticStatus.OK : DiagnosticStatus.WARN,
                    Name = $"{FullyQualifiedName}: {_subscription.Topic}",
                    Message = ok ? "rate ok" : "rate below expected",
                    Values =
                    [
                        new KeyValue { Key = "rate_hz", Value = LastRateHz.ToString("F1", CultureInfo.InvariantCulture) },
                        new KeyValue { Key = "received", Value = count.ToString(CultureInfo.InvariantCulture) },
                        new KeyValue { Key = "dropped", Value = _subscription.DroppedCount.ToString(CultureInfo.InvariantCulture) },
                    ],
                },
            ],
        });
    }
}
