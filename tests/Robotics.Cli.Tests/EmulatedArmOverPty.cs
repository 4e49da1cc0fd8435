using System.Collections.Concurrent;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Serial;
using Robotics.Drivers.Serial.Tests.Support;
using Robotics.Messages.DiagnosticMsgs;
using Robotics.Middleware;
using Robotics.Middleware.Execution;
using Robotics.Nodes;
using Robotics.Nodes.Safety;
using Robotics.Safety;

namespace Robotics.Cli.Tests;

/// <summary>
/// Six emulated XL330s on one end of a socat pty pair, and the supervisor node on the other end created as `robotics
/// run supervisor -p hardware:=dynamixel -p port:=…` creates it: the real termios driver, the real loop thread. The
/// servos are set up as `robotics motors setup-ids` leaves them (return delay 0), unless the test says otherwise.
/// An executor runs the node's timers and a probe that keeps the latest /diagnostics.
/// </summary>
internal sealed class EmulatedArmOverPty : IDisposable
{
    public static readonly string[] Joints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    private readonly SocatPtyPair _pty;
    private readonly TermiosSerialPort _servoPort;
    private readonly EmulatorAttachment _attachment;
    private readonly RosContext _context;
    private readonly SingleThreadedExecutor _executor = new();
    private readonly ConcurrentQueue<DiagnosticArray> _diagnostics = new();

    public EmulatedArmOverPty(Dictionary<string, object?>? overrides = null, bool setUp = true)
    {
        _pty = SocatPtyPair.Start();
        Emulator = new ServoBusEmulator(EmulatedProtocol.Dynamixel2, Enumerable.Range(1, 6).Select(id => EmulatedServo.Dynamixel((byte)id, DynamixelModel.XL330M288)), TimeProvider.System);
        foreach (var servo in Emulator.Servos.Where(_ => setUp))
        {
            servo.PokeMemory(XSeriesControlTable.ReturnDelayTime.Address, [0]);
        }

        WarmUp(Emulator);
        _servoPort = TermiosSerialPort.Open(_pty.PathA, 1_000_000);
        _attachment = Emulator.Attach(_servoPort);
        ServoHardware.Register();
        _context = new RosContext(new ContextOptions());
        // A shared 2-core machine (load averages above 10 seen while building) stalls socat and both threads for tens
        // of ms: generous reply latency and bus watchdog keep such a stall from looking like the faults under test.
        // Their real values are proven on fake time (Robotics.Drivers.Tests, ServoArmWatchdogTests).
        var parameters = new Dictionary<string, object?>
        {
            ["hardware"] = "dynamixel", ["port"] = _pty.PathB, ["rate_hz"] = 100.0, ["sensor_stale_after_s"] = 0.5, ["sensor_lost_after_s"] = 2.0,
            ["max_late_ticks_per_second"] = 1000L, ["host_latency_ms"] = 100.0, ["bus_watchdog_s"] = 1.0,
        };
        foreach (var (name, value) in overrides ?? [])
        {
            parameters[name] = value;
        }

        Node = (SupervisorNode)NodeCatalog.Create("robotics", "supervisor", _context, new NodeOptions { ParameterOverrides = parameters });
        var probe = new Node(_context, "diagnostics_probe");
        probe.CreateSubscription<DiagnosticArray>("/diagnostics", _diagnostics.Enqueue);
        _executor.Add(Node);
        _executor.Add(probe);
    }

    public ServoBusEmulator Emulator { get; }

    public SupervisorNode Node { get; }

    public ControlLoop Loop => Node.Loop;

    public SupervisorState State => Loop.Supervisor.State;

    public EventResult Request(SupervisorEvent request) => Loop.Request(request, Principal.Operator);

    /// <summary>Requests as the operator and asserts it was accepted, showing why not.</summary>
    public void Accept(SupervisorEvent request)
    {
        var result = Request(request);
        Assert.True(result.Accepted, $"{request} refused: {result.Message}");
    }

    /// <summary>Spins the node's timers until <paramref name="condition"/> holds (20 s at most).</summary>
    public void Eventually(Func<bool> condition, string because) =>
        Assert.True(_executor.SpinUntil(condition, TimeSpan.FromSeconds(20)), $"timed out waiting until {because}; state {State}, transitions: {Causes()}");

    /// <summary>
    /// Checks <paramref name="condition"/> every 10 ms without spinning the executor (20 s at most): for a condition
    /// that also feeds the loop a command each time, which must keep arriving well within the 0.1 s command timeout.
    /// </summary>
    public void Poll(Func<bool> condition, string because)
    {
        var deadline = Environment.TickCount64 + 20_000;
        while (!condition())
        {
            Assert.True(Environment.TickCount64 < deadline, $"timed out waiting until {because}; state {State}, transitions: {Causes()}");
            Thread.Sleep(10);
        }
    }

    /// <summary>Waits for a /diagnostics status of the hardware at <paramref name="level"/>; returns its message.</summary>
    public string HardwareDiagnostic(byte level)
    {
        string? message = null;
        Eventually(
            () =>
            {
                while (_diagnostics.TryDequeue(out var array))
                {
                    message = array.Status.FirstOrDefault(s => s.Name.EndsWith(": hardware", StringComparison.Ordinal) && s.Level == level)?.Message ?? message;
                }

                return message is not null;
            },
            $"/diagnostics reports the hardware at level {level}");
        return message!;
    }

    /// <summary>Every state change so far (read once the state has settled: the loop thread appends to it).</summary>
    public string Causes() => string.Join(" | ", Loop.Supervisor.Transitions.ToArray().Select(t => $"{t.To}: {t.Cause}"));

    /// <summary>
    /// Runs every kind of transaction the arm uses once in memory: the first of each otherwise pays for JIT compilation
    /// on both sides (tens of ms on a busy machine), and a write is never retried (SAFETY 31).
    /// </summary>
    private static void WarmUp(ServoBusEmulator emulator)
    {
        var (client, server) = Drivers.Channels.InMemoryChannelPair.Create();
        using (client)
        using (server)
        using (emulator.Attach(server))
        {
            var bus = new DynamixelBus(client);
            byte[] ids = [1, 2, 3, 4, 5, 6];
            var ticks = new int[ids.Length];
            bus.Ping(1);
            bus.Read(1, 0, new byte[56]);
            bus.Read(1, 98, new byte[49]);
            bus.WriteRegister(1, XSeriesControlTable.BusWatchdog, 0);
            bus.ReadHardwareErrorStatus(1, out _);
            bus.SyncReadPresentPositions(ids, ticks, new Drivers.Servos.ServoReply[ids.Length]);
            bus.SyncWriteGoalPositions(ids, ticks);
        }
    }

    public void Dispose()
    {
        _executor.Dispose();
        Node.Dispose();
        _context.Dispose();
        _attachment.Dispose();
        _servoPort.Dispose();
        _pty.Dispose();
    }
}
