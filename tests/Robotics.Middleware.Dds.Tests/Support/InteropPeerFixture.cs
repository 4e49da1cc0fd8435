namespace Robotics.Middleware.Dds.Tests.Support;

/// <summary>tests/interop/dds/interop_peer built once per test class into a temporary folder.</summary>
public sealed class InteropPeerFixture : IDisposable
{
    private readonly PeerBuild _build = new(InteropPaths.InteropPeerSources, "interop_peer");

    public string Executable => _build.Executable;

    public void Dispose() => _build.Dispose();
}
