using System.Globalization;
using Robotics.Middleware.Dds.Wire;

namespace Robotics.Middleware.Dds;

/// <summary>How a <see cref="DdsTransport"/> joins the ROS 2 graph. Defaults come from the ROS environment variables.</summary>
public sealed record DdsOptions
{
    /// <summary><c>ROS_DOMAIN_ID</c>, default 0 (valid 0–232: Cyclone derives UDP ports from it).</summary>
    public int DomainId { get; init; } = ParseDomain(Environment.GetEnvironmentVariable("ROS_DOMAIN_ID"));

    public DistroProfile Distro { get; init; } = DistroProfile.FromEnvironment();

    public DiscoveryConfig Discovery { get; init; } = DiscoveryConfig.FromEnvironment();

    /// <summary>Cyclone XML appended after the discovery fragment and <c>CYCLONEDDS_URI</c>, so it wins (tests pin <c>lo</c> here).</summary>
    public string? ExtraConfig { get; init; }

    /// <summary>
    /// Coalesce writes into fewer packets (<c>dds_write_set_batch</c>): about 5× the throughput for small messages
    /// (ROS2_WIRE.md: 0.18 → 0.88 M msg/s) at the cost of up to <see cref="BatchFlushInterval"/> of latency.
    /// <b>Process-wide in Cyclone 0.10</b>: on while any transport asks for it (<c>Interop/WriteBatching</c>); writers of
    /// transports that did not ask, and all service writers, flush after each write meanwhile.
    /// </summary>
    public bool BatchWrites { get; init; }

    /// <summary>
    /// Topic and service endpoints do not match others of the same participant. Set when this transport is the remote
    /// half of a <c>CompositeTransport</c>, which already connects co-located nodes in-process (no duplicates).
    /// </summary>
    public bool IgnoreLocalParticipant { get; init; }

    public TimeSpan BatchFlushInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public static int ParseDomain(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= 232
            ? id
            : throw new ArgumentException($"ROS_DOMAIN_ID='{text}' is not a domain id between 0 and 232", nameof(text));
    }
}
