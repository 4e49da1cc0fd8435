using System.Diagnostics;
using System.Text.Json;
using Robotics.Launch;
using Robotics.Middleware;
using Robotics.Middleware.Execution;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics launch FILE [name:=value]...</c>: starts a ROS 2 launch file's nodes, composed in this process
/// (default, the in-process bus connects them) or as child processes (<c>--processes</c>).
/// </summary>
public static class LaunchCommand
{
    public const string Usage = "robotics launch FILE [name:=value ...] [--duration SECONDS] [--processes] [--dry-run [--json]]";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var rest = args.ToList();
        var duration = RunCommand.TakeDuration(rest);
        var processes = rest.Remove("--processes");
        var dryRun = rest.Remove("--dry-run");
        var json = rest.Remove("--json");
        var file = rest.FirstOrDefault(a => !a.Contains(":=", StringComparison.Ordinal)) ?? throw new CliException($"missing launch file. Usage: {Usage}");
        var unknown = rest.FirstOrDefault(a => a.StartsWith('-'));
        if (unknown is not null)
        {
            throw new CliException($"launch: unknown option '{unknown}'. Usage: {Usage}");
        }

        var launchArgs = rest.Where(a => a != file).Select(a => a.Split(":=", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var plan = LaunchLoader.Load(file, launchArgs);
        if (dryRun)
        {
            PrintPlan(plan, json, env.Out);
            return 0;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(env.Stop);
        if (duration is { } seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        return processes ? RunAsProcesses(plan, env, stop.Token) : RunComposed(plan, env, stop.Token);
    }

    /// <summary>Starts every node of the plan in <paramref name="context"/>; returns them (the caller spins and disposes).</summary>
    public static IReadOnlyList<Node> StartComposed(LaunchPlan plan, RosContext context, TextWriter log)
    {
        var nodes = new List<Node>();
        foreach (var entry in plan.Nodes)
        {
            var node = NodeHost.Start(context, entry);
            log.WriteLine($"[INFO] [launch]: started {entry.Executable} as {node.FullyQualifiedName} ({entry.Parameters.Count} parameters, {entry.Remaps.Count} remaps)");
            nodes.Add(node);
        }

        return nodes;
    }

    private static int RunComposed(LaunchPlan plan, CliEnvironment env, CancellationToken stop)
    {
        var nodes = StartComposed(plan, env.Context, env.Error);
        using var executor = new MultiThreadedExecutor(2);
        executor.CallbackFailed += (entity, e) => env.Error.WriteLine($"[ERROR] [launch]: {entity.Description} failed: {e.Message}");
        foreach (var node in nodes)
        {
            executor.Add(node);
        }

        executor.Spin(stop);
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        env.Error.WriteLine($"[INFO] [launch]: {nodes.Count} node(s) stopped");
        return executor.CallbackErrors == 0 ? 0 : 1;
    }

    private static int RunAsProcesses(LaunchPlan plan, CliEnvironment env, CancellationToken stop)
    {
        var self = typeof(LaunchCommand).Assembly.Location;
        var children = new List<Process>();
        try
        {
            foreach (var (entry, index) in plan.Nodes.Select((n, i) => (n, i + 1)))
            {
                var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
                if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
                {
                    info.ArgumentList.Add(self);
                }

                foreach (var arg in new[] { "run", entry.Package ?? Nodes.NodeCatalog.Package, entry.Executable }.Concat(entry.ToRosArguments().ToArgs()))
                {
                    info.ArgumentList.Add(arg);
                }

                foreach (var (key, value) in entry.Environment)
                {
                    info.Environment[key] = value;
                }

                var child = Process.Start(info) ?? throw new CliException($"could not start {entry.Executable}");
                var prefix = $"[{entry.Executable}-{index}] ";
                child.OutputDataReceived += (_, e) => { if (e.Data is not null) env.Out.WriteLine(prefix + e.Data); };
                child.ErrorDataReceived += (_, e) => { if (e.Data is not null) env.Error.WriteLine(prefix + e.Data); };
                child.BeginOutputReadLine();
                child.BeginErrorReadLine();
                env.Error.WriteLine($"[INFO] [launch]: process started with pid [{child.Id}]: {entry.Executable}");
                children.Add(child);
            }

            stop.WaitHandle.WaitOne();
            return 0;
        }
        finally
        {
            // Stop only what we started, by its pid.
            foreach (var child in children.Where(c => !c.HasExited))
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
            }

            foreach (var child in children)
            {
                env.Error.WriteLine($"[INFO] [launch]: process [{child.Id}] exited with code {child.ExitCode}");
                child.Dispose();
            }
        }
    }

    private static void PrintPlan(LaunchPlan plan, bool json, TextWriter output)
    {
        var nodes = plan.Nodes.Select(n => new
        {
            package = n.Package,
            executable = n.Executable,
            name = n.EffectiveName,
            @namespace = n.Namespace,
            fully_qualified_name = n.FullyQualifiedName,
            parameters = n.Parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            remaps = n.Remaps.Select(r => r.ToString()),
            source = n.Source.ToString(),
        }).ToList();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { file = plan.File, arguments = plan.ArgumentValues, nodes }));
            return;
        }

        foreach (var node in nodes)
        {
            output.WriteLine($"{node.fully_qualified_name}  ({node.package}/{node.executable})  params: {node.parameters.Count}  remaps: {string.Join(' ', node.remaps)}");
        }
    }
}
