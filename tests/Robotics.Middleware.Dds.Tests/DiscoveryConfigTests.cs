using System.Xml.Linq;
using Robotics.Middleware.Dds.Wire;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// The Cyclone fragment our transport prepends for rmw's discovery environment (ROS_AUTOMATIC_DISCOVERY_RANGE,
/// ROS_STATIC_PEERS, Humble's ROS_LOCALHOST_ONLY), checked as parsed XML so element order and quoting do not matter
/// but every setting Cyclone reads does.
/// </summary>
public sealed class DiscoveryConfigTests
{
    private const int ProcessId = 4242;

    [Fact]
    public void ToCycloneFragment_NothingSet_IsLocalhostUnicastWithTheLocalhostPeer()
    {
        var domain = Fragment();

        Assert.Equal("false", domain.Element("General")?.Element("AllowMulticast")?.Value);
        var discovery = domain.Element("Discovery")!;
        Assert.Equal("auto", discovery.Element("ParticipantIndex")?.Value);
        Assert.Equal("32", discovery.Element("MaxAutoParticipantIndex")?.Value);
        Assert.Equal(["localhost"], Peers(discovery));
        Assert.Null(discovery.Element("Tag"));
    }

    [Fact]
    public void ToCycloneFragment_LocalhostWithStaticPeers_AddsThemAfterLocalhost()
    {
        var discovery = Fragment(("ROS_AUTOMATIC_DISCOVERY_RANGE", "LOCALHOST"), ("ROS_STATIC_PEERS", "192.168.1.7; robot2.local;"))
            .Element("Discovery")!;

        Assert.Equal(["localhost", "192.168.1.7", "robot2.local"], Peers(discovery));
    }

    [Fact]
    public void ToCycloneFragment_SubnetWithStaticPeers_KeepsMulticastAndAddsOnlyThosePeers()
    {
        var domain = Fragment(("ROS_AUTOMATIC_DISCOVERY_RANGE", "SUBNET"), ("ROS_STATIC_PEERS", "10.0.0.2;10.0.0.3"));

        Assert.Null(domain.Element("General")); // multicast stays as Cyclone's default: on
        Assert.Equal(["10.0.0.2", "10.0.0.3"], Peers(domain.Element("Discovery")!));
    }

    [Theory]
    [InlineData("SUBNET", "")]
    [InlineData("SYSTEM_DEFAULT", "")]
    [InlineData("SYSTEM_DEFAULT", "10.0.0.2")]
    public void ToCycloneFragment_CycloneDefaultsSuffice_IsEmpty(string range, string peers)
    {
        var config = DiscoveryConfig.FromEnvironment(Read(("ROS_AUTOMATIC_DISCOVERY_RANGE", range), ("ROS_STATIC_PEERS", peers)));

        Assert.Equal(string.Empty, config.ToCycloneFragment(ProcessId));
    }

    [Fact]
    public void ToCycloneFragment_Off_DiscoversNobodyEvenWithStaticPeers()
    {
        var domain = Fragment(("ROS_AUTOMATIC_DISCOVERY_RANGE", "OFF"), ("ROS_STATIC_PEERS", "10.0.0.2"));

        Assert.Equal("false", domain.Element("General")?.Element("AllowMulticast")?.Value);
        var discovery = domain.Element("Discovery")!;
        Assert.Equal("none", discovery.Element("ParticipantIndex")?.Value);
        Assert.Equal($"ros_discovery_off_{ProcessId}", discovery.Element("Tag")?.Value); // a tag nobody else has
        Assert.Null(discovery.Element("Peers"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("SUBNET")]
    public void ToCycloneFragment_RosLocalhostOnly_PinsTheLoopbackInterfaceWhateverTheRange(string range)
    {
        var domain = Fragment(("ROS_LOCALHOST_ONLY", "1"), ("ROS_AUTOMATIC_DISCOVERY_RANGE", range));

        var general = domain.Element("General")!;
        Assert.Equal("127.0.0.1", general.Element("Interfaces")?.Element("NetworkInterface")?.Attribute("address")?.Value);
        Assert.Equal("false", general.Element("AllowMulticast")?.Value);
        Assert.Null(domain.Element("Discovery"));
    }

    [Fact]
    public void ToCycloneFragment_RosLocalhostOnlyZero_IsTheDefault()
    {
        Assert.Equal(
            DiscoveryConfig.FromEnvironment(Read()).ToCycloneFragment(ProcessId),
            DiscoveryConfig.FromEnvironment(Read(("ROS_LOCALHOST_ONLY", "0"))).ToCycloneFragment(ProcessId));
    }

    [Fact]
    public void ToCycloneFragment_PeerWithXmlSpecialCharacters_StaysWellFormed()
    {
        var discovery = Fragment(("ROS_STATIC_PEERS", "a\"b&c<d>")).Element("Discovery")!;

        Assert.Equal(["localhost", "a\"b&c<d>"], Peers(discovery));
    }

    [Theory]
    [InlineData("subnet", DiscoveryRange.Subnet)]
    [InlineData(" Off ", DiscoveryRange.Off)]
    [InlineData("LOCALHOST", DiscoveryRange.Localhost)]
    [InlineData("SYSTEM_DEFAULT", DiscoveryRange.SystemDefault)]
    [InlineData(null, DiscoveryRange.Localhost)]
    public void ParseRange_KnownValue_GivesTheRange(string? text, DiscoveryRange expected) =>
        Assert.Equal(expected, DiscoveryConfig.ParseRange(text));

    [Fact]
    public void ParseRange_UnknownValue_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => DiscoveryConfig.ParseRange("LAN"));

        Assert.Contains("'LAN'", error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Read(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    /// <summary>The fragment's <c>Domain</c> element, after checking the root is <c>CycloneDDS</c> with one domain.</summary>
    private static XElement Fragment(params (string Name, string? Value)[] variables)
    {
        var root = XElement.Parse(DiscoveryConfig.FromEnvironment(Read(variables)).ToCycloneFragment(ProcessId));
        Assert.Equal("CycloneDDS", root.Name.LocalName);
        return Assert.Single(root.Elements("Domain"));
    }

    private static string[] Peers(XElement discovery) =>
        [.. (discovery.Element("Peers")?.Elements("Peer") ?? []).Select(p => p.Attribute("address")?.Value ?? "(no address)")];
}
