using System.Globalization;
using System.Text.Json;
using Robotics.Launch;
using Robotics.Messages.DiagnosticMsgs;
using Robotics.Messages.SensorMsgs;
using Robotics.Middleware.Execution;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics demo</c>, the README's first command: runs launch/demo.launch.xml composed in this process for a
/// while, prints live progress each second and a summary (JSON with <c>--json</c>), then exits cleanly.
/// </summary>
public static class DemoCommand
{
    public const string Usage = "robotics demo [--duration SECONDS] [--json] [name:=value ...]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var rest = args.ToList();
        var duration = RunCommand.TakeDuration(rest) ?? 6;
        var json = rest.Remove("--json");
        var file = Path.Combine(RepositoryRoot(), "launch", "demo.launch.xml");
        var plan = LaunchLoader.Load(file, rest.Select(a => a.Split(":=", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal));

        var nodes = LaunchCommand.StartComposed(plan, env.Context, env.Error);
        using var observer = env.Context.CreateNode("_demo_observer", new Middleware.NodeOptions { StartParameterServices = false, EnableRosout = false });
        long jointStates = 0, chatter = 0, warnings = 0;
        var lastStatus = "waiting";
        using var js = observer.CreateSubscription<JointState>("/arm/joint_states", _ => Interlocked.Increment(ref jointStates), Middleware.Qos.QosProfile.SensorData);
        using var ch = observer.CreateSubscription<Messages.StdMsgs.String>("/demo/chatter", _ => Interlocked.Increment(ref chatter));
        using var diag = observer.CreateSubscription<DiagnosticArray>("/diagnostics", d =>
        {
            foreach (var status in d.Status)
            {
                lastStatus = $"{status.Message} ({string.Join(", ", status.Values.Select(v => v.Key + "=" + v.Value))})";
                if (status.Level != DiagnosticStatus.OK)
                {
                    Interlocked.Increment(ref warnings);
                }
            }
        });

        using var executor = new MultiThreadedExecutor(2);
        foreach (var node in nodes.Append(observer))
        {
            executor.Add(node);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(env.Stop);
        var spinning = Task.Run(() => executor.Spin(stop.Token));
        var started = Environment.TickCount64;
        for (var second = 1; second <= Math.Ceiling(duration) && !env.Stop.IsCancellationRequested; second++)
        {
            env.Stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(Math.Min(1, duration - second + 1)));
            if (!json)
            {
                env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{second,3}s] joint_states: {Interlocked.Read(ref jointStates),6} msgs  chatter: {Interlocked.Read(ref chatter),3}  monitor: {lastStatus}"));
            }
        }

        stop.Cancel();
        spinning.Wait();
        var elapsed = (Environment.TickCount64 - started) / 1000.0;
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        var summary = new
        {
            launch_file = plan.File,
            duration_s = Math.Round(elapsed, 2),
            nodes = nodes.Select(n => n.FullyQualifiedName).ToArray(),
            joint_state_messages = jointStates,
            joint_state_rate_hz = Math.Round(jointStates / elapsed, 1),
            chatter_messages = chatter,
            rate_warnings = warnings,
            callback_errors = executor.CallbackErrors,
        };
        env.Out.WriteLine(json ? JsonSerializer.Serialize(summary) : $"demo finished: {summary.nodes.Length} nodes, {jointStates} joint states ({summary.joint_state_rate_hz} Hz), {chatter} chatter messages, {warnings} rate warnings, {executor.CallbackErrors} callback errors");
        return executor.CallbackErrors == 0 && jointStates > 0 ? 0 : 1;
    }

    /// <summary>The checkout this binary was built from: package <c>robotics</c>'s share directory.</summary>
    public static string RepositoryRoot() =>
        PackageResolver.ForRepositoryContaining(AppContext.BaseDirectory).TryGetShareDirectory(PackageResolver.RepositoryPackage, out var root)
            ? root
            : throw new CliException("cannot find the repository (Robotics.sln) above " + AppContext.BaseDirectory);
}
