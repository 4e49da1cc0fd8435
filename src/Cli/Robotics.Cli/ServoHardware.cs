using Robotics.Drivers.Arm;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Serial;
using Robotics.Drivers.Servos;
using Robotics.Middleware.Parameters;
using Robotics.Nodes;
using Robotics.Nodes.Safety;

namespace Robotics.Cli;

/// <summary>
/// The composition root's control platform: servo arms on a serial port for the supervisor's <c>hardware</c>
/// parameter (<c>dynamixel</c>, <c>feetech</c>; <c>mujoco</c> goes to <see cref="SimHardware"/>), with their parameters declared on the supervisor node, and SCHED_FIFO
/// plus absolute sleeps for the loop thread.
/// </summary>
internal static class ServoHardware
{
    public static void Register() => NodeCatalog.ControlPlatform = new ControlPlatform(
        (node, kind, joints) => kind == "mujoco" ? SimHardware.Create(node, joints) : Create(node, kind, joints),
        () => RealtimeScheduling.TryEnableForCurrentThread(),
        OperatingSystem.IsLinux() && System.Diagnostics.Stopwatch.Frequency == 1_000_000_000 ? RealtimeScheduling.SleepUntil : null);

    private static ServoArm Create(SupervisorNode node, string kind, IReadOnlyList<string> joints)
    {
        if (kind is not ("dynamixel" or "feetech"))
        {
            throw new ArgumentException($"hardware '{kind}' is not one of kinematic, dynamixel, feetech");
        }

        var read = new ParameterDescriptor { ReadOnly = true };
        var path = node.Parameters.Declare("port", string.Empty, read with { Description = "serial port of the servo bus, e.g. /dev/serial/by-id/..." });
        var baud = node.Parameters.Declare("baud", 1_000_000L, read);
        var ids = node.Parameters.Declare("servo_ids", (object)Enumerable.Range(1, joints.Count).Select(i => (long)i).ToArray(), read).AsIntegerArray();
        var zero = node.Parameters.Declare("zero_ticks", (object)Enumerable.Repeat(2048L, joints.Count).ToArray(), read with { Description = "from `robotics motors calibrate`" }).AsIntegerArray();
        var inverted = node.Parameters.Declare("inverted", (object)new bool[joints.Count], read).AsBoolArray();
        var min = node.Parameters.Declare("min_ticks", (object)Enumerable.Repeat(0L, joints.Count).ToArray(), read with { Description = "each servo's Min Position Limit, verified at connect (`robotics motors calibrate` prints them)" }).AsIntegerArray();
        var max = node.Parameters.Declare("max_ticks", (object)Enumerable.Repeat(4095L, joints.Count).ToArray(), read with { Description = "each servo's Max Position Limit, verified at connect" }).AsIntegerArray();

        // 0: what `robotics motors setup-ids` writes (LeRobot's setting); verified at connect and used to time replies.
        var returnDelay = node.Parameters.Declare("return_delay_us", 0.0, read with { Description = "servo Return Delay Time in µs, verified at connect (setup-ids writes 0)" });

        // 2 ms: a 1 ms USB latency timer plus wake-up (SAFETY.md H32; an FTDI adapter at its 16 ms default needs 17).
        var latency = node.Parameters.Declare("host_latency_ms", 2.0, read with { Description = "host and USB adapter latency allowed per reply" });
        var watchdog = node.Parameters.Declare("bus_watchdog_s", 0.1, read with { Description = "Dynamixel Bus Watchdog armed with torque (SAFETY.md E21), rounded up to 20 ms" });
        var model = node.Parameters.Declare("model_number", 0L, read with { Description = "Model Number every servo must report (0: any model the driver speaks)" });
        if (path.Length == 0)
        {
            throw new ArgumentException($"hardware '{kind}' needs the parameter port (e.g. -p port:=/dev/ttyACM0; see `robotics motors scan`)");
        }

        if (ids.Length != joints.Count || zero.Length != joints.Count || inverted.Length != joints.Count || min.Length != joints.Count || max.Length != joints.Count)
        {
            throw new ArgumentException($"servo_ids, zero_ticks, inverted, min_ticks and max_ticks need one entry per joint ({joints.Count}: {string.Join(", ", joints)})");
        }

        // A watchdog within a few loop periods fires on an ordinary late tick, stopping a healthy arm (E21 vs E20).
        var period = 1 / node.Parameters.Get("rate_hz").AsDouble();
        if (kind == "dynamixel" && watchdog < 3 * period)
        {
            throw new ArgumentException($"bus_watchdog_s {watchdog} must be at least 3 control periods ({3 * period:0.###} s at rate_hz {1 / period:0.#})");
        }

        var armOptions = new ServoArmOptions { BusWatchdog = TimeSpan.FromSeconds(watchdog), ModelNumber = model > 0 ? checked((ushort)model) : null };
        var busOptions = new ServoBusOptions { ReturnDelay = TimeSpan.FromMicroseconds(returnDelay), HostLatency = TimeSpan.FromMilliseconds(latency) };
        var servoJoints = joints.Select((name, i) => new ServoJoint(name, checked((byte)ids[i]), (int)zero[i], inverted[i], (int)min[i], (int)max[i])).ToList();
        var port = TermiosSerialPort.Open(path, (int)baud);
        try
        {
            return kind == "dynamixel"
                ? ServoArm.Dynamixel(new DynamixelBus(port, busOptions), servoJoints, node.Clock, owns: port, armOptions)
                : ServoArm.Feetech(new FeetechBus(port, busOptions), servoJoints, node.Clock, owns: port, armOptions);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }
}
