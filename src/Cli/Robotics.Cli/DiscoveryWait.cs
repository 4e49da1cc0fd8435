using Robotics.Middleware.Graph;

namespace Robotics.Cli;

/// <summary>
/// Graph tools on DDS start with an empty view of the domain; like ros2cli's spin time (no daemon) they wait until
/// discovery has settled: the graph unchanged for 0.5 s, at most 3 s in all (about what Cyclone needs on a LAN).
/// </summary>
internal static class DiscoveryWait
{
    public static void Settle(IGraph graph, CancellationToken cancellationToken)
    {
        var quietFor = TimeSpan.FromMilliseconds(500);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        var version = graph.Version;
        var changed = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested && DateTime.UtcNow - changed < quietFor)
        {
            Thread.Sleep(50);
            if (graph.Version != version)
            {
                (version, changed) = (graph.Version, DateTime.UtcNow);
            }
        }
    }
}
