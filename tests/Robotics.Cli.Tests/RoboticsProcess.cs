using System.Diagnostics;

namespace Robotics.Cli.Tests;

/// <summary>Runs the built `robotics` executable as a child process (the path a user and `ros2 launch` take).</summary>
public static class RoboticsProcess
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args) => RunWith(null, args);

    public static (int ExitCode, string Output, string Error) RunWith(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunIn(null, environment, args);

    /// <summary>As <see cref="RunWith"/>, inside network namespace <paramref name="networkNamespace"/> (null: this one).</summary>
    public static (int ExitCode, string Output, string Error) RunIn(string? networkNamespace, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = StartIn(networkNamespace, environment, args);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();

        // Both streams are read in the background: reading one to its end first would wait as long as the process
        // runs, and the timeout would never fire for a process that hangs.
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"robotics {string.Join(' ', args)} did not exit within 60 s; it printed:\n{output.Result}{error.Result}");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts `robotics` without waiting; the caller kills it (by this Process) when done.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args) => StartIn(null, environment, args);

    /// <summary>
    /// As <see cref="Start"/>, inside network namespace <paramref name="networkNamespace"/> (null: this one) through
    /// <c>ip netns exec</c>, which execs in place: the returned Process (its pid) is the `robotics` process itself.
    /// </summary>
    public static Process StartIn(string? networkNamespace, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(networkNamespace is null ? "dotnet" : "ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (networkNamespace is not null)
        {
            foreach (var arg in new[] { "netns", "exec", networkNamespace, "dotnet" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "robotics.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }
}
