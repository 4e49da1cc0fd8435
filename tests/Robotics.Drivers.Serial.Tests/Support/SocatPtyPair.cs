using System.ComponentModel;
using System.Diagnostics;

namespace Robotics.Drivers.Serial.Tests.Support;

/// <summary>
/// Two ptys joined back to back by a socat child process, like a null-modem cable: bytes written to one slave come
/// out of the other. The ends are symlinks in a private temporary directory (as /dev/serial/by-id links are).
/// Dispose kills socat by its own process handle (never by name) and removes the directory.
/// </summary>
internal sealed class SocatPtyPair : IDisposable
{
    /// <summary>socat is up in milliseconds; this is for a machine busy building.</summary>
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _directory;
    private readonly ManualResetEventSlim _ready = new();
    private readonly List<string> _log = [];
    private volatile bool _forwarding;

    private SocatPtyPair(Process process, string directory)
    {
        (_process, _directory) = (process, directory);
        PathA = Path.Combine(directory, "a");
        PathB = Path.Combine(directory, "b");
    }

    public string PathA { get; }

    public string PathB { get; }

    public static SocatPtyPair Start()
    {
        var directory = Directory.CreateTempSubdirectory("robotics-pty-").FullName;
        var info = new ProcessStartInfo("socat") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        // -d -d prints "PTY is /dev/pts/N" for each end, then "starting data transfer loop" once both exist and socat
        // forwards: that last line is the signal to wait for (the links exist before it).
        foreach (var argument in (string[])["-d", "-d", $"pty,raw,echo=0,link={Path.Combine(directory, "a")}", $"pty,raw,echo=0,link={Path.Combine(directory, "b")}"])
        {
            info.ArgumentList.Add(argument);
        }

        var pair = new SocatPtyPair(new Process { StartInfo = info }, directory);
        pair._process.ErrorDataReceived += (_, e) => pair.OnLine(e.Data);
        try
        {
            pair._process.Start();
        }
        catch (Win32Exception e)
        {
            pair.Dispose();
            throw new InvalidOperationException("socat is not installed: run scripts/bootstrap (it installs the Debian package socat)", e);
        }

        pair._process.BeginErrorReadLine();
        if (!pair._ready.Wait(_startTimeout) || !pair._forwarding)
        {
            var log = pair.Log;
            pair.Dispose();
            throw new InvalidOperationException($"socat did not start a pty pair (waited up to {_startTimeout.TotalSeconds} s); it said:\n{log}");
        }

        return pair;
    }

    /// <summary>What socat printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Ends socat now, as an unplugged cable: both slaves see a hang-up.</summary>
    public void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // never started (socat missing): nothing to stop
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        _ready.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _ready.Set(); // socat exited: stop waiting, Start reports what it said
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }

        if (line.Contains("starting data transfer loop", StringComparison.Ordinal))
        {
            _forwarding = true;
            _ready.Set();
        }
    }
}
