using Robotics.Drivers.Arm;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Serial;
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
            throw new ArgumentException($"hardware '{kind}' is not one of kinematic, gazebo, mujoco, dynamixel, feetech");
        }

        var read = new ParameterDescriptor { ReadOnly = true };
        var path = node.Parameters.Declare("port", string.Empty, read with { Description = "serial port of the servo bus, e.g. /dev/serial/by-id/..." });
        var baud = node.Parameters.Declare("baud", 1_000_000L, read);
        var ids = node.Parameters.Declare("servo_ids", (object)Enumerable.Range(1, joints.Count).Select(i => (long)i).ToArray(), read).AsIntegerArray();
        var zero = node.Parameters.Declare("zero_ticks", (object)Enumerable.Repeat(2048L, joints.Count).ToArray(), read with { Description = "from `robotics motors calibrate`" }).AsIntegerArray();
        var inverted = node.Parameters.Declare("inverted", (object)new bool[joints.Count], read).AsBoolArray();
        if (path.Length == 0)
        {
            throw new ArgumentException($"hardware '{kind}' needs the parameter port (e.g. -p port:=/dev/ttyACM0; see `robotics motors scan`)");
        }

        if (ids.Length != joints.Count || zero.Length != joints.Count || inverted.Length != joints.Count)
        {
            throw new ArgumentException($"servo_ids, zero_ticks and inverted need one entry per joint ({joints.Count}: {string.Join(", ", joints)})");
        }

        var servoJoints = joints.Select((name, i) => new ServoJoint(name, checked((byte)ids[i]), (int)zero[i], inverted[i])).ToList();
        var port = TermiosSerialPort.Open(path, (int)baud);
        return kind == "dynamixel"
            ? ServoArm.Dynamixel(new DynamixelBus(port), servoJoints, node.Clock, owns: port)
            : ServoArm.Feetech(new FeetechBus(port), servoJoints, node.Clock, owns: port);
    }
}
