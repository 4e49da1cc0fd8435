using Robotics.Middleware;
using Robotics.Middleware.Logging;

namespace Robotics.Cli.Tests;

/// <summary>A context plus captured output, for running commands in-process.</summary>
public sealed class CliTestContext : IDisposable, ILogSink
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));

    public CliTestContext()
    {
        Context = new RosContext(new ContextOptions { LogSink = this });
        Env = new CliEnvironment(Context, Out, Error, _stop.Token);
    }

    public RosContext Context { get; }

    public CliEnvironment Env { get; }

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public List<LogRecord> Logs { get; } = [];

    public static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "data", file);

    public void Write(in LogRecord record)
    {
        lock (Logs)
        {
            Logs.Add(record);
        }
    }

    public void Dispose()
    {
        Context.Dispose();
        _stop.Dispose();
        Out.Dispose();
        Error.Dispose();
    }
}
