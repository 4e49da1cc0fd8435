using System.Globalization;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Arm;

/// <summary>
/// SAFETY.md H32 at connect: every servo is read once (one block per servo) and must be the expected model, in
/// position mode, with the configured return delay and position limits; its Bus Watchdog (Dynamixel) is disarmed so a
/// watchdog left armed or fired by an earlier session cannot stop the arm later. The outcome is ONE message naming the
/// first problem (servo, register, found, expected, what to do) and how many more there are, or null when all match.
/// </summary>
internal static class ServoConnectCheck
{
    public static string? Verify(IServoBus bus, ServoArmTable table, IReadOnlyList<ServoJoint> joints, ServoArmOptions options, ServoDeviceLimits[] limits)
    {
        // Both protocols count the return delay in 2 µs units (X series register 9, STS register 7).
        var expectedDelay = (long)Math.Round(bus is ServoBus b ? b.Options.ReturnDelay / Dynamixel.DynamixelUnits.ReturnDelayUnit : 0);
        var block = table.Identity;
        var bytes = new byte[block.Length];
        var problems = new List<string>();
        for (var i = 0; i < joints.Count; i++)
        {
            var joint = joints[i];
            var servo = $"{joint.Name} (servo {joint.Id})";
            var reply = bus.Read(joint.Id, block.Address, bytes);
            if (!reply.IsOk)
            {
                problems.Add($"{servo} did not answer at connect ({reply.Error}): check its power, cable and id (`robotics motors scan`); torque stays off until it answers");
                continue;
            }

            long Value(ServoRegister register) => block.Value(bytes, register);
            void Problem(ServoRegister register, string found, string wanted, string fix) =>
                problems.Add($"{servo}: {register.Name} (register {register.Address}) is {found}, expected {wanted}: {fix}. Torque stays off until it matches (SAFETY.md H32)");
            void Expect(ServoRegister register, long expected, string found, string wanted, string fix)
            {
                if (Value(register) != expected)
                {
                    Problem(register, found, wanted, fix);
                }
            }

            var model = (ushort)Value(table.ModelNumber);
            var modelName = table.ModelName(model);
            if (modelName is null || (options.ModelNumber is { } wanted && wanted != model))
            {
                var expected = options.ModelNumber is { } m ? $"{m}{(table.ModelName(m) is { } n ? $" ({n})" : string.Empty)}" : $"one of {table.SupportedModels}";
                Problem(table.ModelNumber, $"{model} ({modelName ?? "a model this driver does not speak"})", expected, "check the servo id and the wiring (`robotics motors scan` lists every servo's model) or the configured model");
            }

            var mode = Value(table.OperatingMode);
            Expect(table.OperatingMode, table.PositionMode, $"{mode} ({table.ModeName(mode)})", $"{table.PositionMode} ({table.ModeName(table.PositionMode)}): this driver sends goal positions only", "run `robotics motors setup-ids`, which writes position mode");
            var delay = Value(table.ReturnDelayTime);
            Expect(table.ReturnDelayTime, expectedDelay, $"{delay} ({delay * 2} µs)", $"{expectedDelay} ({expectedDelay * 2} µs, the bus's configured return delay, which also times every reply)", "run `robotics motors setup-ids`, which writes 0 (LeRobot's setting), or configure the servo's value");
            var min = Value(table.MinPositionLimit);
            var max = Value(table.MaxPositionLimit);
            const string LimitFix = "run `robotics motors calibrate` and configure the min_ticks/max_ticks it prints, or correct the servo's limit";
            Expect(table.MinPositionLimit, joint.MinTicks, Text(min), $"{joint.MinTicks} (the configured min_ticks)", LimitFix);
            Expect(table.MaxPositionLimit, joint.MaxTicks, Text(max), $"{joint.MaxTicks} (the configured max_ticks)", LimitFix);

            var fullScale = table.LoadFullScaleRegister is { } r ? Value(r) : table.LoadFullScale;
            limits[i] = new ServoDeviceLimits(Value(table.TemperatureLimit), Value(table.MinVoltageLimit) * table.VoltageUnitVolts, Value(table.MaxVoltageLimit) * table.VoltageUnitVolts, Math.Max(fullScale, 1));

            // E21: disarmed here, armed with torque. Writing 0 also clears a watchdog that fired (-1) in an earlier session.
            if (table.BusWatchdog is { } watchdog && bus.WriteRegister(joint.Id, watchdog, 0) is { IsOk: false } cleared)
            {
                problems.Add($"{servo} did not take a write to its {watchdog.Name} (register {watchdog.Address}: {cleared.Error}): check its power and cable");
            }
        }

        return problems.Count switch
        {
            0 => null,
            1 => problems[0],
            _ => $"{problems[0]} (and {problems.Count - 1} more problem(s) on this arm's servos)",
        };
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
