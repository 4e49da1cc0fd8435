using System.Globalization;
using System.Security;
using System.Text;

namespace Robotics.Middleware.Dds.Wire;

/// <summary>
/// rmw's discovery environment rendered into the Cyclone configuration fragment rmw_cyclonedds prepends to
/// <c>CYCLONEDDS_URI</c> (rmw_node.cpp check_create_domain, Iron+; ROS2_WIRE.md), so our processes discover exactly
/// what a ROS node with the same environment would:
/// <list type="bullet">
/// <item><c>ROS_AUTOMATIC_DISCOVERY_RANGE</c> = LOCALHOST (default) | SUBNET | OFF | SYSTEM_DEFAULT;</item>
/// <item><c>ROS_STATIC_PEERS</c> = semicolon-separated addresses, added for LOCALHOST and SUBNET;</item>
/// <item>Humble's <c>ROS_LOCALHOST_ONLY=1</c>, which pins Cyclone to the loopback interface.</item>
/// </list>
/// </summary>
public sealed record DiscoveryConfig(DiscoveryRange Range, IReadOnlyList<string> StaticPeers, bool LocalhostOnly)
{
    public static DiscoveryConfig FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var range = ParseRange(read("ROS_AUTOMATIC_DISCOVERY_RANGE"));
        var peers = (read("ROS_STATIC_PEERS") ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var localhostOnly = read("ROS_LOCALHOST_ONLY") == "1";
        return new DiscoveryConfig(range, peers, localhostOnly);
    }

    public static DiscoveryRange ParseRange(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "LOCALHOST" or "2" => DiscoveryRange.Localhost,
        "SUBNET" or "3" => DiscoveryRange.Subnet,
        "OFF" or "1" => DiscoveryRange.Off,
        "SYSTEM_DEFAULT" or "0" => DiscoveryRange.SystemDefault,
        _ => throw new ArgumentException($"ROS_AUTOMATIC_DISCOVERY_RANGE='{text}' is not one of LOCALHOST, SUBNET, OFF, SYSTEM_DEFAULT", nameof(text)),
    };

    /// <summary>The fragment (possibly empty) to put before the user's <c>CYCLONEDDS_URI</c>, comma-separated.</summary>
    public string ToCycloneFragment(int processId)
    {
        if (LocalhostOnly)
        {
            return "<CycloneDDS><Domain><General><Interfaces><NetworkInterface address=\"127.0.0.1\"/></Interfaces>"
                + "<AllowMulticast>false</AllowMulticast></General></Domain></CycloneDDS>";
        }

        var (localhostPeer, staticPeers, noMulticast) = Range switch
        {
            DiscoveryRange.Localhost => (true, true, true),
            DiscoveryRange.Subnet => (false, true, false),
            DiscoveryRange.Off => (false, false, true),
            _ => (false, false, false),
        };
        if (!localhostPeer && !noMulticast && (!staticPeers || StaticPeers.Count == 0))
        {
            return string.Empty;
        }

        var xml = new StringBuilder("<CycloneDDS><Domain>");
        if (noMulticast)
        {
            xml.Append("<General><AllowMulticast>false</AllowMulticast></General>");
        }

        if (noMulticast && !localhostPeer && !staticPeers)
        {
            // OFF: a tag no other process has keeps every automatic discovery out; no index means no 120-process limit.
            xml.Append(CultureInfo.InvariantCulture, $"<Discovery><ParticipantIndex>none</ParticipantIndex><Tag>ros_discovery_off_{processId}</Tag>");
        }
        else
        {
            // rmw allows 32 participants (≈ ROS processes) per host when discovering over unicast.
            xml.Append("<Discovery><ParticipantIndex>auto</ParticipantIndex><MaxAutoParticipantIndex>32</MaxAutoParticipantIndex>");
        }

        if (localhostPeer || (staticPeers && StaticPeers.Count > 0))
        {
            xml.Append("<Peers>");
            if (localhostPeer)
            {
                xml.Append("<Peer address=\"localhost\"/>");
            }

            foreach (var peer in staticPeers ? StaticPeers : [])
            {
                xml.Append(CultureInfo.InvariantCulture, $"<Peer address=\"{SecurityElement.Escape(peer)}\"/>");
            }

            xml.Append("</Peers>");
        }

        return xml.Append("</Discovery></Domain></CycloneDDS>").ToString();
    }
}
