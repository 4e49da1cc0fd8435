namespace Robotics.Middleware.Dds.Tests.Support;

/// <summary>shared/conformance/ros2-peer built once per test class into a temporary folder (never copied into the repo).</summary>
public sealed class ConformancePeerFixture : IDisposable
{
    private readonly PeerBuild _build = new(InteropPaths.ConformancePeerSources, "peer");

    public string Executable => _build.Executable;

    public void Dispose() => _build.Dispose();
}
