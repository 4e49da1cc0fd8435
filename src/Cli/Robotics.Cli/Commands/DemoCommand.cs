using System.Globalization;
using System.Text.Json;
using Robotics.Launch;
using Robotics.Messages.RoboticsMsgs;
using Robotics.Messages.StdMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Execution;
using Robotics.Safety;
using Robotics.Sim.MuJoCo.Nodes;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics demo</c>, the README's first command: the desk arm in MuJoCo (launch/arm.launch.xml, composed in this
/// process) under the safety supervisor, the task's scripted expert as the policy, a number of episodes. Acts as the
/// operator (ARM, START), prints live progress each second (episodes, success rate, safety events, real-time factor)
/// and a summary (JSON with <c>--json</c>), then stops the arm (category 1) and exits.
/// </summary>
public static class DemoCommand
{
    public const string Usage = "robotics demo [--episodes N] [--duration SECONDS] [--policy DIR/policy.json] [--json] [name:=value ...]   (launch arguments of launch/arm.launch.xml, e.g. task:=reach)";

    public static int Run(IReadOnlyList<string> args, CliEnvironment env)
    {
        var rest = args.ToList();
        var duration = RunCommand.TakeDuration(rest) ?? 120;
        var episodes = TakeInt(rest, "--episodes") ?? 10;
        var json = rest.Remove("--json");
        var policy = TakeValue(rest, "--policy");
        var arguments = rest.Select(a => a.Split(":=", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        arguments.TryAdd("episodes", episodes.ToString(CultureInfo.InvariantCulture));
        if (policy is not null)
        {
            // A learned policy drives instead of the expert; the sim still runs and judges the episodes.
            (arguments["use_policy"], arguments["policy"], arguments["expert"]) = ("true", Path.GetFullPath(policy), "false");
        }

        var plan = LaunchLoader.Load(Path.Combine(RepositoryRoot(), "launch", "arm.launch.xml"), arguments);

        var nodes = LaunchCommand.StartComposed(plan, env.Context, env.Error);
        var runner = nodes.OfType<SimEpisodeNode>().SingleOrDefault() ?? throw new CliException("the demo needs the simulator (use_sim:=true)");
        using var observer = env.Context.CreateNode("_demo_operator", new NodeOptions { StartParameterServices = false, EnableRosout = false });
        var safety = new SafetyEvents();
        using var status = observer.CreateSubscription<SupervisorStatus>("/arm/supervisor/status", safety.Observe);
        using var operatorCommands = observer.CreatePublisher<SupervisorCommand>("/arm/supervisor/command");
        using var executor = new MultiThreadedExecutor(2);
        foreach (var node in nodes.Append(observer))
        {
            executor.Add(node);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(env.Stop);
        var spinning = Task.Run(() => executor.Spin(stop.Token));
        var started = Environment.TickCount64;
        var simStart = runner.SimTime;

        // The demo is the operator here: ARM, then START once the supervisor has armed (F23–F24).
        Command(operatorCommands, SupervisorCommand.COMMAND_ARM);
        env.Stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(300));
        Command(operatorCommands, SupervisorCommand.COMMAND_START);

        var second = 0;
        var restarts = 0;
        var armedOnce = false;
        while (!env.Stop.IsCancellationRequested && !runner.Finished && Elapsed(started) < duration)
        {
            env.Stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            second++;
            armedOnce |= safety.State is not ("DISABLED" or "unknown");
            if (safety.State == "DISABLED" && !armedOnce)
            {
                // The first ARM was refused (no joint state fresh within 50 ms yet, on a loaded machine): an operator
                // retries. Once it has armed, DISABLED is someone's decision and stays.
                Command(operatorCommands, SupervisorCommand.COMMAND_ARM);
            }
            else if (safety.State == "ARMED")
            {
                Command(operatorCommands, SupervisorCommand.COMMAND_START);
            }
            else if (safety.State == "HOLD")
            {
                // An operator at the desk would look, then reset (→ ARMED) and start: the demo does so once the arm
                // holds (each restart is counted and its cause is in the safety event log). FAULT and E-STOP stay.
                restarts++;
                Command(operatorCommands, SupervisorCommand.COMMAND_RESET);
                env.Stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(300));
                Command(operatorCommands, SupervisorCommand.COMMAND_START);
            }

            if (!json)
            {
                var outcomes = runner.Outcomes;
                var successes = outcomes.Count(o => o.Success);
                env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{second,3}s] {runner.TaskName}: episode {outcomes.Count + 1}/{episodes}  success {successes}/{outcomes.Count}  supervisor {safety.State}  safety events {safety.Count}  RTF {(runner.SimTime - simStart) / Elapsed(started):0.00}"));
            }
        }

        var wall = Elapsed(started);
        var simulated = runner.SimTime - simStart;
        var events = safety.Log; // before the demo's own closing stop
        Command(operatorCommands, SupervisorCommand.COMMAND_STOP);
        env.Stop.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
        stop.Cancel();
        spinning.Wait();
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        var done = runner.Outcomes;
        var summary = new
        {
            launch_file = plan.File,
            task = runner.TaskName,
            episodes = done.Count,
            successes = done.Count(o => o.Success),
            success_rate = done.Count == 0 ? 0 : Math.Round(done.Count(o => o.Success) / (double)done.Count, 3),
            mean_episode_s = done.Count == 0 ? 0 : Math.Round(done.Average(o => o.DurationSeconds), 2),
            final_progress = done.Select(o => Math.Round(o.Progress, 3)).ToArray(),
            safety_events = events.Length,
            operator_restarts = restarts,
            safety_event_log = events,
            wall_s = Math.Round(wall, 2),
            sim_s = Math.Round(simulated, 2),
            real_time_factor = Math.Round(simulated / wall, 3),
            nodes = nodes.Select(n => n.FullyQualifiedName).ToArray(),
            callback_errors = executor.CallbackErrors,
        };
        env.Out.WriteLine(json ? JsonSerializer.Serialize(summary)
            : $"demo finished: {summary.task}, {summary.successes}/{summary.episodes} episodes succeeded ({summary.success_rate:P0}), mean {summary.mean_episode_s} s per episode, {summary.safety_events} safety events, {summary.operator_restarts} operator restarts after a hold, real-time factor {summary.real_time_factor}, {summary.callback_errors} callback errors");
        return executor.CallbackErrors == 0 && done.Count > 0 ? 0 : 1;
    }

    /// <summary>The checkout this binary was built from: package <c>robotics</c>'s share directory.</summary>
    public static string RepositoryRoot() =>
        PackageResolver.ForRepositoryContaining(AppContext.BaseDirectory).TryGetShareDirectory(PackageResolver.RepositoryPackage, out var root)
            ? root
            : throw new CliException("cannot find the repository (Robotics.sln) above " + AppContext.BaseDirectory);

    private static double Elapsed(long startedMs) => (Environment.TickCount64 - startedMs) / 1000.0;

    private static void Command(Middleware.Topics.Publisher<SupervisorCommand> publisher, byte command) =>
        publisher.Publish(new SupervisorCommand { Header = new Header { FrameId = string.Empty }, Command = command, Principal = "operator", Reason = "robotics demo" });

    private static string? TakeValue(List<string> args, string flag)
    {
        var at = args.IndexOf(flag);
        if (at < 0)
        {
            return null;
        }

        if (at + 1 >= args.Count)
        {
            throw new CliException($"{flag} needs a value");
        }

        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }

    private static int? TakeInt(List<string> args, string flag)
    {
        var at = args.IndexOf(flag);
        if (at < 0)
        {
            return null;
        }

        if (at + 1 >= args.Count || !int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            throw new CliException($"{flag} needs a positive whole number");
        }

        args.RemoveRange(at, 2);
        return value;
    }

    /// <summary>Safety events seen on supervisor/status: every change into STOPPING, HOLD, FAULT or ESTOP.</summary>
    private sealed class SafetyEvents
    {
        private readonly Lock _lock = new();
        private readonly List<string> _log = [];
        private byte _state = byte.MaxValue;

        public string State { get; private set; } = "unknown";

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _log.Count;
                }
            }
        }

        public string[] Log
        {
            get
            {
                lock (_lock)
                {
                    return [.. _log];
                }
            }
        }

        public void Observe(SupervisorStatus status)
        {
            lock (_lock)
            {
                State = Name(status.State);
                if (status.State != _state && status.State >= SupervisorStatus.STATE_STOPPING && _state != byte.MaxValue)
                {
                    _log.Add($"{Name(_state)} → {State}: {status.Reason}");
                }

                _state = status.State;
            }
        }

        // supervisor/status carries Robotics.Safety.SupervisorState's values (SupervisorStatus STATE_* constants).
        private static string Name(byte state) => ((SupervisorState)state).ToString().ToUpperInvariant();
    }
}
