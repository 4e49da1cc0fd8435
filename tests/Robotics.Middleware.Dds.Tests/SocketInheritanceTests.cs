using System.Diagnostics;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>A child process started after a transport exists must not hold Cyclone's sockets (they stay bound otherwise).</summary>
public sealed class SocketInheritanceTests
{
    [Fact]
    public async Task ChildProcess_StartedWhileATransportRuns_InheritsNoSockets()
    {
        using var transport = new DdsTransport(LoopbackDds.Options());
        var info = new ProcessStartInfo("ls") { RedirectStandardOutput = true };
        info.ArgumentList.Add("-l");
        info.ArgumentList.Add("/proc/self/fd");
        using var child = Process.Start(info)!;
        var listing = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();

        Assert.DoesNotContain("socket:", listing, StringComparison.Ordinal);
    }
}
