using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Robotics.Benchmarks;

/// <summary>
/// A process this benchmark started: stdout arrives line by line (our children's protocol, ddsperf's statistics),
/// stderr is kept for error messages, and every wait has a timeout. Dispose kills it (and only it, by pid, with its
/// children) if it is still running.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private bool _disposed;

    private ChildProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _process.OutputDataReceived += (_, e) => Deliver(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string CommandLine { get; }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time (user + system) the process has used so far; it must still be running.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, DdsLoopback loopback)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        loopback.Apply(info);
        var commandLine = $"{Path.GetFileName(fileName)} {string.Join(' ', info.ArgumentList)}";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        return new ChildProcess(process, commandLine);
    }

    /// <summary>Starts this benchmark's own executable in a child mode (<c>dds-child ...</c>).</summary>
    public static ChildProcess StartSelf(IEnumerable<string> arguments, DdsLoopback loopback)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var self = typeof(ChildProcess).Assembly.Location;
        // Under `dotnet run` / `dotnet x.dll` the process is the dotnet host and needs the assembly path first.
        var viaHost = Path.GetFileNameWithoutExtension(host) == "dotnet";
        return Start(host, viaHost ? [self, .. arguments] : arguments, loopback);
    }

    public void Send(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>The next stdout line, or an exception naming the command and its stderr when it does not come in time.</summary>
    public string ReadLine(TimeSpan timeout)
    {
        if (_lines.TryTake(out var line, timeout))
        {
            return line;
        }

        var why = _process.HasExited ? $"exited with {_process.ExitCode}" : $"no output for {timeout.TotalSeconds:0} s";
        throw new InvalidOperationException($"{CommandLine}: {why}; stderr: {Stderr.Trim()}");
    }

    public string Expect(string prefix, TimeSpan timeout)
    {
        var line = ReadLine(timeout);
        return line.StartsWith(prefix, StringComparison.Ordinal)
            ? line
            : throw new InvalidOperationException($"{CommandLine}: expected '{prefix}...', got '{line}'; stderr: {Stderr.Trim()}");
    }

    /// <summary>Asks one of our children to quit and waits for it (killing it after 10 s).</summary>
    public void Stop()
    {
        Send("quit");
        WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits for a normal exit; kills it when it overruns. True when it exited by itself.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (_process.WaitForExit(timeout))
        {
            _process.WaitForExit(); // drains the redirected output
            return true;
        }

        Kill();
        return false;
    }

    public void Dispose()
    {
        Kill();
        lock (_stdout)
        {
            _disposed = true;
        }

        _process.Dispose();
        _lines.Dispose();
    }

    private void Deliver(string? line)
    {
        lock (_stdout)
        {
            if (_disposed)
            {
                return;
            }

            if (line is null)
            {
                _lines.CompleteAdding();
                return;
            }

            _stdout.AppendLine(line);
            _lines.Add(line);
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // exited between the check and the kill
        }
    }
}
