using System.Globalization;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Cli.Commands;

/// <summary>
/// <c>robotics motors setup-ids</c>: LeRobot's setup-motors for a whole arm. New servos all leave the factory with id 1
/// (Dynamixel X at 57,600 baud, STS3215 at 1 Mbps), so they can only be told apart one at a time: for each configured
/// joint in order the user connects only that motor and presses Enter; the single servo at the factory id and baud
/// gets the joint's id, the arm's baud rate, return delay 0 and position mode (what <see cref="Drivers.Arm.ServoArm"/>
/// verifies at connect, SAFETY.md H32), and is read back at the new id and baud. <c>--yes</c> does not wait for Enter
/// (scripts, or one motor). A motor already answering at its target id and baud is left as it is.
/// </summary>
internal static class ArmIdSetup
{
    private static readonly string[] _lerobotJoints = ["shoulder_pan", "shoulder_lift", "elbow_flex", "wrist_flex", "wrist_roll", "gripper"];

    public static int Run(CliArguments args, CliEnvironment env, byte[] ids)
    {
        var dynamixel = ServoBusConnection.Protocol(args) == "dynamixel";
        var names = args.Get("--joints")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? (ids.Length == _lerobotJoints.Length ? _lerobotJoints : [.. ids.Select((_, i) => $"joint {i + 1}")]);
        if (names.Length != ids.Length)
        {
            throw new CliException($"--joints names {names.Length} joints, --ids {ids.Length}: give one name per id, in the same order");
        }

        var plan = new Plan(
            dynamixel,
            FactoryId: MotorsCommand.Id(args.Get("--factory-id") ?? "1", "--factory-id"),
            FactoryBaud: args.GetInt("--factory-baud", dynamixel ? 57_600 : 1_000_000),
            Baud: args.GetInt("--baud", 1_000_000));
        BaudRegister(plan, plan.Baud, "--baud");
        BaudRegister(plan, plan.FactoryBaud, "--factory-baud");

        env.Out.WriteLine($"setting up {ids.Length} {(dynamixel ? "Dynamixel" : "Feetech")} motor(s), one at a time: each must be the ONLY motor on the bus when asked");
        for (var i = 0; i < ids.Length; i++)
        {
            Ask(args, env, $"connect only the '{names[i]}' motor (it becomes id {ids[i]}), then press Enter");
            env.Out.WriteLine(SetUp(args, plan, names[i], ids[i]));
            env.Out.Flush();
        }

        env.Out.WriteLine($"done: ids {string.Join(",", ids)} at {plan.Baud} baud; now chain them all and check with `robotics motors scan --baud {plan.Baud}`");
        return 0;
    }

    private static void Ask(CliArguments args, CliEnvironment env, string question)
    {
        env.Out.WriteLine(question + (args.Has("--yes") ? " (--yes: not waiting)" : string.Empty));
        env.Out.Flush();
        if (args.Has("--yes"))
        {
            return;
        }

        var reader = env.In ?? throw new CliException("setup-ids waits for Enter before each motor: run it in a terminal, or pass --yes");
        if (reader.ReadLine() is null)
        {
            throw new CliException("standard input ended before every motor was set up; the motors done so far keep their new ids");
        }
    }

    private static string SetUp(CliArguments args, Plan plan, string name, byte id)
    {
        var t = Table.For(plan.Dynamixel);
        string? done = null;
        var (bus, port) = ServoBusConnection.Open(args, plan.FactoryBaud);
        using (port)
        {
            if (bus.Ping(plan.FactoryId).IsOk)
            {
                if (id != plan.FactoryId && bus.Ping(id).IsOk)
                {
                    throw new CliException($"'{name}': id {id} also answers at {plan.FactoryBaud} baud: connect only the '{name}' motor");
                }

                Configure(bus, plan, plan.FactoryId);
                bus.WriteRegister(plan.FactoryId, t.Id, id); // the reply may come from either id: the ping checks
                if (!bus.Ping(id).IsOk)
                {
                    throw new CliException($"'{name}': the servo did not answer at id {id} after the id write");
                }

                bus.WriteRegister(id, t.BaudRate, BaudRegister(plan, plan.Baud, "--baud")); // its reply may come at either rate
                done = $"servo id {plan.FactoryId} → {id}";
            }
        }

        if (done is null)
        {
            // Not at the factory id: set up before (a re-run after an interruption)? Then it only gets configured again.
            (bus, port) = ServoBusConnection.Open(args, plan.Baud);
            using (port)
            {
                if (!bus.Ping(id).IsOk)
                {
                    throw new CliException($"'{name}': no servo answers at the factory id {plan.FactoryId} at {plan.FactoryBaud} baud, nor at id {id} at {plan.Baud} baud: check that only this motor is connected and powered (`robotics motors scan --baud ...` finds it)");
                }

                Configure(bus, plan, id);
                done = $"id {id} (already set up)";
            }
        }

        return Verify(args, plan, name, id, done);
    }

    /// <summary>Torque off (EEPROM writes need it), then LeRobot's configure_motors: return delay 0 (factory 500 µs) and position mode.</summary>
    private static void Configure(ServoBus bus, Plan plan, byte id)
    {
        var t = Table.For(plan.Dynamixel);
        bus.WriteRegister(id, t.TorqueEnable, 0).ThrowIfFailed();
        if (!plan.Dynamixel)
        {
            bus.WriteRegister(id, StsControlTable.Lock, 0).ThrowIfFailed(); // unlocked, the writes are kept over a power cycle
        }

        bus.WriteRegister(id, t.ReturnDelayTime, 0).ThrowIfFailed();
        bus.WriteRegister(id, t.OperatingMode, t.PositionMode).ThrowIfFailed();
    }

    /// <summary>Reads the servo back at its new id and baud (and relocks a Feetech EEPROM).</summary>
    private static string Verify(CliArguments args, Plan plan, string name, byte id, string done)
    {
        var (bus, port) = ServoBusConnection.Open(args, plan.Baud);
        using (port)
        {
            if (!bus.Ping(id).IsOk)
            {
                throw new CliException($"'{name}': the servo does not answer at id {id} at {plan.Baud} baud after the writes: check it with `robotics motors scan`");
            }

            var t = Table.For(plan.Dynamixel);
            if (!plan.Dynamixel)
            {
                bus.WriteRegister(id, StsControlTable.Lock, 1).ThrowIfFailed();
            }

            var delay = Read(bus, id, t.ReturnDelayTime);
            var mode = Read(bus, id, t.OperatingMode);
            var baud = Read(bus, id, t.BaudRate);
            if (delay != 0 || mode != t.PositionMode || baud != BaudRegister(plan, plan.Baud, "--baud"))
            {
                throw new CliException($"'{name}' (id {id}): reads return delay {delay}, operating mode {mode}, baud rate register {baud} after the writes (expected 0, {t.PositionMode}, {BaudRegister(plan, plan.Baud, "--baud")}): run setup-ids again");
            }

            return $"'{name}': {done} at {plan.Baud} baud, return delay 0, position mode (verified)";
        }
    }

    private static long Read(ServoBus bus, byte id, ServoRegister register)
    {
        bus.ReadRegister(id, register, out var value).ThrowIfFailed();
        return value;
    }

    private static byte BaudRegister(Plan plan, int baud, string option)
    {
        try
        {
            return plan.Dynamixel ? DynamixelBaudRate.FromBitsPerSecond(baud) : FeetechBaudRate.FromBitsPerSecond(baud);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException($"{option} {baud.ToString(CultureInfo.InvariantCulture)}: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    private sealed record Plan(bool Dynamixel, byte FactoryId, int FactoryBaud, int Baud);

    /// <summary>The registers setup writes, per protocol.</summary>
    private sealed record Table(ServoRegister TorqueEnable, ServoRegister Id, ServoRegister BaudRate, ServoRegister ReturnDelayTime, ServoRegister OperatingMode, byte PositionMode)
    {
        private static readonly Table _dynamixel = new(XSeriesControlTable.TorqueEnable, XSeriesControlTable.Id, XSeriesControlTable.BaudRate, XSeriesControlTable.ReturnDelayTime, XSeriesControlTable.OperatingMode, (byte)DynamixelOperatingMode.Position);
        private static readonly Table _feetech = new(StsControlTable.TorqueEnable, StsControlTable.Id, StsControlTable.BaudRate, StsControlTable.ReturnDelayTime, StsControlTable.OperatingMode, (byte)FeetechOperatingMode.Position);

        public static Table For(bool dynamixel) => dynamixel ? _dynamixel : _feetech;
    }
}
