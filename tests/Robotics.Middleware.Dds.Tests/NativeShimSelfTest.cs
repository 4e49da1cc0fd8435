using System.Diagnostics;

namespace Robotics.Middleware.Dds.Tests;

/// <summary>
/// Runs native/dds/selftest.sh: the shim built with AddressSanitizer + UBSan, exercising fragment reassembly, 5 B–2 MB
/// samples in-process and over loopback UDP, dispose/unregister and leaks (ROS2_WIRE.md asks for the shim's own
/// sanitizer run). The C side pins Cyclone to lo itself.
/// </summary>
public sealed class NativeShimSelfTest
{
    [Fact]
    public async Task SelfTest_UnderAddressSanitizer_PassesWithoutReports()
    {
        var root = Support.InteropPaths.RepositoryRoot;
        // Inside this checkout (ignored): a CMake cache is tied to its source directory, so a build folder shared
        // between two clones of the repository (e.g. in /tmp) fails the second one's configure step.
        var buildDir = Path.Combine(root, ".artifacts", "native", "dds-asan");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        info.ArgumentList.Add(Path.Combine(root, "native", "dds", "selftest.sh"));
        info.ArgumentList.Add(buildDir);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the native self-test did not finish in 4 minutes");
        }

        var (output, errors) = (await stdout, await stderr);
        Assert.True(process.ExitCode == 0, $"native self-test failed ({process.ExitCode}):\n{output}\n{errors}");
        Assert.Contains("PASSED", output, StringComparison.Ordinal);
    }
}
