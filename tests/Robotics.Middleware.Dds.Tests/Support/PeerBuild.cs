using System.Diagnostics;

namespace Robotics.Middleware.Dds.Tests.Support;

/// <summary>
/// A C peer compiled by its own <c>build.sh OUTDIR</c> (idlc + gcc against the installed Cyclone) into a fresh temporary
/// folder, deleted on dispose: build outputs never land in the checkout.
/// </summary>
internal sealed class PeerBuild : IDisposable
{
    /// <summary>idlc + gcc of a few small files take about a second; a loaded 2-core machine may need much longer.</summary>
    private static readonly TimeSpan _buildTimeout = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _output;

    public PeerBuild(string sources, string executable)
    {
        _output = Directory.CreateTempSubdirectory("robotics-dds-peer-");
        var script = Path.Combine(sources, "build.sh");
        var info = new ProcessStartInfo("sh", [script, _output.FullName]) { RedirectStandardOutput = true, RedirectStandardError = true };
        Interop.SocketInheritance.MarkCloseOnExec(); // also done by the transport; repeated in case a parallel test just made sockets
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start sh {script}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(_buildTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not finish within {_buildTimeout.TotalSeconds} s");
        }

        Executable = Path.Combine(_output.FullName, executable);
        if (process.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException($"{script} failed (exit {process.ExitCode}; needs gcc, idlc and cyclonedds-dev: scripts/bootstrap):\n{stdout.Result}\n{stderr.Result}");
        }
    }

    public string Executable { get; }

    public void Dispose()
    {
        try
        {
            _output.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; never fail a test run over it.
        }
    }
}
