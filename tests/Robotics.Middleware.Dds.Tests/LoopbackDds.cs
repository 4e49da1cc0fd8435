using System.Globalization;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// DDS settings for tests: Cyclone pinned to <c>lo</c> with unicast discovery only (nothing leaves the machine), and a
/// discovery tag unique to this test process so parallel runs on one machine never see each other's endpoints.
/// Child processes (conformance peers) get the same XML through <c>CYCLONEDDS_URI</c>.
/// </summary>
internal static class LoopbackDds
{
    public const int DomainId = 42;

    public static readonly string Tag = "robotics-test-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    public static string Config { get; } =
        "<CycloneDDS><Domain Id=\"any\"><General><Interfaces><NetworkInterface name=\"lo\"/></Interfaces>"
        + "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>auto</ParticipantIndex>"
        + "<MaxAutoParticipantIndex>60</MaxAutoParticipantIndex><Peers><Peer address=\"127.0.0.1\"/></Peers>"
        + $"<Tag>{Tag}</Tag></Discovery></Domain></CycloneDDS>";

    public static DdsOptions Options(TimeProvider? time = null) => new()
    {
        DomainId = DomainId,
        ExtraConfig = Config,
        TimeProvider = time ?? TimeProvider.System,
    };
}
