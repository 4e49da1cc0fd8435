using Robotics.Cli.Commands;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Serial;
using Robotics.Drivers.Serial.Tests.Support;
using Robotics.Launch;
using Robotics.Middleware;
using Robotics.Middleware.Execution;
using Robotics.Middleware.Graph;
using Robotics.Nodes.Safety;
using Robotics.Safety;

namespace Robotics.Cli.Tests;

/// <summary>
/// Issue #5's sim-to-real check: launch/arm.launch.xml with use_sim:=true (MuJoCo) and with use_sim:=false (the
/// termios driver against emulated servos on a socat pty) gives the supervisor the same topics and the same limits,
/// and both arm, start and publish joint states.
/// </summary>
[Collection(ServoBusOverPty.Collection)]
public sealed class SimToRealLaunchTests
{
    // A shared 2-core machine stalls socat and threads for tens of ms: the same generous bus timing as EmulatedArmOverPty.
    // The 50 ms default freshness window refused an ARM in CI (a stall between two reads), so measurements count as fresh
    // for 0.5 s here; this test is about topics and limits, not about the freshness check (SafetySupervisorTests has that).
    private static readonly Parameter[] _busTiming =
    [
        new("host_latency_ms", 100.0), new("bus_watchdog_s", 1.0), new("max_late_ticks_per_second", 1000L),
        new("sensor_stale_after_s", 0.5), new("sensor_lost_after_s", 2.0),
    ];

    [Fact]
    public void ArmLaunch_OnMuJoCoAndOnEmulatedServos_GivesTheSupervisorTheSameTopicsAndLimits()
    {
        ServoHardware.Register();
        SimHardware.Register();
        var sim = Run(new() { ["use_sim"] = "true", ["episodes"] = "1" });

        using var pty = SocatPtyPair.Start();
        var emulator = new ServoBusEmulator(EmulatedProtocol.Dynamixel2, Enumerable.Range(1, 6).Select(id => EmulatedServo.Dynamixel((byte)id, DynamixelModel.XL330M288)), TimeProvider.System);
        foreach (var servo in emulator.Servos)
        {
            servo.PokeMemory(XSeriesControlTable.ReturnDelayTime.Address, [0]); // as `robotics motors setup-ids` leaves it
        }

        using var servoPort = TermiosSerialPort.Open(pty.PathA, 1_000_000);
        using var attachment = emulator.Attach(servoPort);
        var real = Run(new() { ["use_sim"] = "false", ["port"] = pty.PathB, ["protocol"] = "dynamixel" }, () => emulator.Servos.All(s => s.TorqueEnabled));

        Assert.Equal(sim.Topics, real.Topics);
        Assert.Equal(sim.Limits, real.Limits);
        Assert.Contains("/arm/joint_states publisher", sim.Topics);
        Assert.Contains("/arm/cmd/request subscription", sim.Topics);
        Assert.True(sim.Limits.Count >= 6 * 10, "every joint's limits are parameters");
        Assert.All(emulator.Servos, s => Assert.False(s.TorqueEnabled)); // shutdown: a category 1 stop, then torque off
    }

    private static (List<string> Topics, List<string> Limits) Run(Dictionary<string, string> arguments, Func<bool>? hardwareDriven = null)
    {
        var plan = LaunchLoader.Load(Path.Combine(DemoCommand.RepositoryRoot(), "launch", "arm.launch.xml"), arguments);
        plan = plan with { Nodes = [.. plan.Nodes.Select(n => n.Executable == "supervisor" ? n with { Parameters = [.. n.Parameters, .. _busTiming] } : n)] };
        using var context = new RosContext(new ContextOptions());
        var nodes = LaunchCommand.StartComposed(plan, context, TextWriter.Null);
        try
        {
            using var executor = new SingleThreadedExecutor();
            foreach (var node in nodes)
            {
                executor.Add(node);
            }

            var supervisor = nodes.OfType<SupervisorNode>().Single();
            using var spin = new CancellationTokenSource();
            var spinning = Task.Run(() => executor.Spin(spin.Token));
            try
            {
                Eventually(() => supervisor.Loop.TickCount > 20, "the loop reads the hardware");
                Accept(supervisor.Loop.Request(SupervisorEvent.Arm, Principal.Operator));
                Accept(supervisor.Loop.Request(SupervisorEvent.Start, Principal.Operator));
                Eventually(() => supervisor.Loop.Supervisor.State == SupervisorState.Running, "running");
                Eventually(hardwareDriven ?? (() => true), "the hardware is driven (torque on, goal = present first)");
            }
            finally
            {
                spin.Cancel();
                spinning.Wait();
            }

            var topics = context.Transport.Graph.Endpoints.Where(e => e.NodeName == "supervisor")
                .Select(e => $"{e.Topic} {(e.Kind == EndpointKind.Publisher ? "publisher" : "subscription")}").Distinct().Order(StringComparer.Ordinal).ToList();
            var limits = supervisor.Parameters.Names.Where(n => n.StartsWith("limits.", StringComparison.Ordinal) || n == "joints" || n.EndsWith("_timeout_s", StringComparison.Ordinal))
                .Select(n => $"{n}={supervisor.Parameters.Get(n)}").Order(StringComparer.Ordinal).ToList();
            return (topics, limits);
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    private static void Accept(EventResult result) => Assert.True(result.Accepted, result.Message);

    private static void Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            Thread.Sleep(10);
        }
    }
}
