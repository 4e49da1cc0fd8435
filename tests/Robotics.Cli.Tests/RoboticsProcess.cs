using System.Diagnostics;

namespace Robotics.Cli.Tests;

/// <summary>Runs the built `robotics` executable as a child process (the path a user and `ros2 launch` take).</summary>
public static class RoboticsProcess
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args) => RunWith(null, args);

    public static (int ExitCode, string Output, string Error) RunWith(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("robotics " + string.Join(' ', args) + " did not exit within 60 s");
        }

        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Starts `robotics` without waiting; the caller kills it (by this Process) when done.</summary>
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
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
