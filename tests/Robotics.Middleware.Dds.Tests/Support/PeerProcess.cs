using System.Diagnostics;
using System.Text;

namespace Robotics.Middleware.Dds.Tests.Support;

/// <summary>
/// A C peer running as a child process on loopback only: it gets exactly <see cref="LoopbackDds.Config"/> in
/// <c>CYCLONEDDS_URI</c> (so it shares this test process's discovery tag and nothing leaves <c>lo</c>) and its domain in
/// <c>ROS_DOMAIN_ID</c>. Its stdout is collected line by line so tests wait for what it prints instead of sleeping.
/// Dispose kills it (and anything it started) by its own process handle, never by name.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    /// <summary>Peers wait up to 20 s for discovery themselves; this is the longest a test waits for one line.</summary>
    public static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(20);

    private static readonly string _stdbuf = File.Exists("/usr/bin/stdbuf") ? "/usr/bin/stdbuf" : "stdbuf";

    private readonly Process _process;
    private readonly string _commandLine;
    private readonly object _gate = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private bool _stdoutClosed;

    private PeerProcess(Process process, string commandLine)
    {
        (_process, _commandLine) = (process, commandLine);
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data, closes: true);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data, closes: false);
    }

    /// <summary>Lines the peer printed so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_gate)
            {
                return [.. _stdout];
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static PeerProcess Start(string executable, int domainId, params string[] arguments)
    {
        // stdio buffers a pipe in 4 KiB blocks, and peer.c's sub mode never flushes: stdbuf -oL makes it print each
        // line as it happens. stdbuf execs the peer, so the process (and pid) we hold is the peer itself.
        var info = new ProcessStartInfo(_stdbuf, ["-oL", executable, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            UseShellExecute = false,
        };
        info.Environment["CYCLONEDDS_URI"] = LoopbackDds.Config;
        info.Environment["ROS_DOMAIN_ID"] = domainId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = info };
        var peer = new PeerProcess(process, $"{Path.GetFileName(executable)} {string.Join(' ', arguments)}");
        try
        {
            Interop.SocketInheritance.MarkCloseOnExec(); // also done by the transport; repeated in case a parallel test just made sockets
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return peer;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Waits for a stdout line that matches; false on timeout or when the peer exited without printing one.</summary>
    public bool WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var seen = 0;
        lock (_gate)
        {
            while (true)
            {
                for (; seen < _stdout.Count; seen++)
                {
                    if (match(_stdout[seen]))
                    {
                        return true;
                    }
                }

                var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (_stdoutClosed || left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(_gate, left);
            }
        }
    }

    /// <summary>
    /// Waits for a condition on our side of the conversation (a match, a reply) as long as the peer waits for its
    /// own: discovery of a second process can take seconds on a loaded 2-core machine.
    /// </summary>
    public void ExpectOurSide(Func<bool> condition, Func<string> because) =>
        Assert.True(SpinWait.SpinUntil(condition, LineTimeout), $"timed out after {LineTimeout.TotalSeconds} s waiting until {because()}\n{Describe()}");

    /// <summary>Fails the test (with everything the peer printed) unless a matching line appears in time.</summary>
    public void ExpectLine(Func<string, bool> match, string because) =>
        Assert.True(WaitForLine(match, LineTimeout), $"timed out after {LineTimeout.TotalSeconds} s waiting until {because}\n{Describe()}");

    /// <summary>Waits for the peer to exit and for its output to be read to the end.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit(); // returns once the redirected streams reached their end
        return true;
    }

    public string Describe()
    {
        lock (_gate)
        {
            return $"peer `{_commandLine}` (pid {_process.Id}):\n--- stdout\n{string.Join('\n', _stdout)}\n--- stderr\n{string.Join('\n', _stderr)}";
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.Dispose();
    }

    private void Append(List<string> lines, string? line, bool closes)
    {
        lock (_gate)
        {
            if (line is not null)
            {
                lines.Add(line);
            }
            else if (closes)
            {
                _stdoutClosed = true;
            }

            Monitor.PulseAll(_gate);
        }
    }
}
