using System.Diagnostics;

namespace Robotics.Cli.Tests;

/// <summary>Runs the built `robotics` executable as a child process (the path a user and `ros2 launch` take).</summary>
public static class RoboticsProcess
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "robotics.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("robotics " + string.Join(' ', args) + " did not exit within 60 s");
        }

        return (process.ExitCode, output, error.Result);
    }
}
