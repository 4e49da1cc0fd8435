namespace Robotics.Middleware.Qos;

/// <summary>
/// A ROS 2 QoS profile. Presets match rmw's (rmw/qos_profiles.h): default is reliable, volatile, keep-last 10.
/// Durations of <see cref="TimeSpan.Zero"/> mean "not set" (infinite), as in rmw.
/// </summary>
public sealed record QosProfile
{
    public QosProfile(int depth = 10)
    {
        Depth = depth;
    }

    public History History { get; init; } = History.KeepLast;

    public int Depth
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Depth), value, "QoS depth must be >= 0 (0 is only valid with KeepAll)");
    }

    public Reliability Reliability { get; init; } = Reliability.Reliable;

    public Durability Durability { get; init; } = Durability.Volatile;

    /// <summary>Expected maximum period between samples; a subscription reports each miss.</summary>
    public TimeSpan Deadline { get; init; }

    /// <summary>Samples older than this are dropped before delivery.</summary>
    public TimeSpan Lifespan { get; init; }

    public Liveliness Liveliness { get; init; } = Liveliness.Automatic;

    public TimeSpan LivelinessLeaseDuration { get; init; }

    /// <summary>rmw_qos_profile_default: reliable, volatile, keep-last 10.</summary>
    public static QosProfile Default { get; } = new(10);

    /// <summary>rmw_qos_profile_sensor_data: best effort, keep-last 5 — newest data wins over completeness.</summary>
    public static QosProfile SensorData { get; } = new(5) { Reliability = Reliability.BestEffort };

    /// <summary>rmw_qos_profile_parameters and services_default: reliable, keep-last 1000 / 10.</summary>
    public static QosProfile Parameters { get; } = new(1000);

    public static QosProfile Services { get; } = new(10);

    /// <summary>rmw_qos_profile_parameter_events: reliable, keep-last 1000, volatile.</summary>
    public static QosProfile ParameterEvents { get; } = new(1000);

    /// <summary>/rosout: reliable, transient-local, keep-last 1000 (rcl/logging_rosout.c, Jazzy), so late tools see recent logs.</summary>
    public static QosProfile Rosout { get; } = new(1000) { Durability = Durability.TransientLocal };

    /// <summary>Latched topics such as /robot_description and /tf_static: transient-local, keep-last 1.</summary>
    public static QosProfile Latched { get; } = new(1) { Durability = Durability.TransientLocal };

    /// <summary>The queue length a subscription keeps: depth for keep-last, a bounded large queue for keep-all.</summary>
    public int QueueCapacity => History == History.KeepAll ? KeepAllLimit : Math.Max(Depth, 1);

    /// <summary>
    /// Keep-all in DDS is bounded by resource limits; here too, so a stalled subscriber cannot exhaust memory.
    /// Samples beyond it are dropped and counted, never blocking the publisher.
    /// </summary>
    public const int KeepAllLimit = 10_000;
}
