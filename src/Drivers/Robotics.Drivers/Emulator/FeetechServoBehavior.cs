using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using T = Robotics.Drivers.Feetech.StsControlTable;

namespace Robotics.Drivers.Emulator;

/// <summary>
/// The STS3215 memory table and its rules: Present Position = actual − Homing Offset within one turn, sign-magnitude
/// goal/present values, status bits present while their condition lasts, torque dropped for the conditions in
/// Unloading Condition (those stay reported until torque is enabled again after they end). Writes to read-only bytes
/// are ignored (the firmware's answer to them is not documented).
/// Position mode (0) moves; the other modes hold position (not emulated).
/// </summary>
internal sealed class FeetechServoBehavior : ServoBehavior
{
    /// <summary>Supply of the 12 V STS3215 variant (emulator default).</summary>
    public const double NominalVolts = 12.0;

    private static readonly int[] Owner = BuildOwners();

    public override EmulatedProtocol Protocol => EmulatedProtocol.FeetechSts;

    public override string ModelName => "STS3215";

    public override ServoRegister IdRegister => T.Id;

    public override ServoRegister TorqueEnableRegister => T.TorqueEnable;

    public override ServoRegister GoalPositionRegister => T.GoalPosition;

    public override ServoRegister PresentPositionRegister => T.PresentPosition;

    public override ServoRegister StatusReturnLevelRegister => T.StatusReturnLevel;

    // Addresses are the SDK's; the values are the emulator's factory table (model number 777 from LeRobot, return delay
    // 250 x 2 us per LeRobot's comment, limits wide open; firmware 3.10 and the protection settings are assumptions).
    public override void Initialize(EmulatedServo servo, byte id, bool keepId, bool keepBaudRate)
    {
        servo.Memory.AsSpan().Clear();
        servo.Store(T.FirmwareMajorVersion, 3);
        servo.Store(T.FirmwareMinorVersion, 10);
        servo.Store(T.ModelNumber, T.Sts3215ModelNumber);
        servo.Store(T.Id, id);
        servo.Store(T.ReturnDelayTime, 250);
        servo.Store(T.StatusReturnLevel, 1);
        servo.Store(T.MaxPositionLimit, FeetechUnits.TicksPerRevolution - 1);
        servo.Store(T.MaxTemperatureLimit, 70);
        servo.Store(T.MaxVoltageLimit, 140);
        servo.Store(T.MinVoltageLimit, 40);
        servo.Store(T.MaxTorqueLimit, 1000);
        servo.Store(T.UnloadingCondition, (byte)(FeetechHardwareStatus.Overheat | FeetechHardwareStatus.OverCurrent | FeetechHardwareStatus.Overload));
        servo.Store(T.LedAlarmCondition, 0x2F);
        servo.Store(T.PCoefficient, 32);
        servo.Store(T.DCoefficient, 32);
        servo.Store(T.TorqueLimit, 1000);
    }

    public override double Goal(EmulatedServo servo)
    {
        if (servo.Read(T.OperatingMode) != (byte)FeetechOperatingMode.Position)
        {
            return servo.Position;
        }

        double goal = servo.Read(T.GoalPosition);
        var min = servo.Read(T.MinPositionLimit);
        var max = servo.Read(T.MaxPositionLimit);
        return min == 0 && max == 0 ? goal : Math.Clamp(goal, min, max); // both 0: limits off
    }

    public override double SpeedLimit(EmulatedServo servo)
    {
        var speed = Math.Abs(servo.Read(T.GoalSpeed));
        return speed > 0 ? speed : servo.Dynamics.MaxSpeedTicksPerSecond;
    }

    public override (double Min, double Max) VoltageLimits(EmulatedServo servo) =>
        (servo.Read(T.MinVoltageLimit) * FeetechUnits.VoltageUnitVolts, servo.Read(T.MaxVoltageLimit) * FeetechUnits.VoltageUnitVolts);

    public override double TemperatureLimit(EmulatedServo servo) => servo.Read(T.MaxTemperatureLimit);

    public override byte BitFor(HardwareFault fault) => fault switch
    {
        HardwareFault.InputVoltage => (byte)FeetechHardwareStatus.Voltage,
        HardwareFault.AngleSensor => (byte)FeetechHardwareStatus.Angle,
        HardwareFault.Overheating => (byte)FeetechHardwareStatus.Overheat,
        HardwareFault.OverCurrent => (byte)FeetechHardwareStatus.OverCurrent,
        HardwareFault.Overload => (byte)FeetechHardwareStatus.Overload,
        _ => throw new ArgumentException($"a Feetech STS servo has no {fault} status bit", nameof(fault)),
    };

    // A condition in Unloading Condition drops torque and stays reported until the host enables torque again after
    // it went away (emulator's rule); the others are reported while they last.
    public override void UpdateConditions(EmulatedServo servo, byte conditions)
    {
        var arising = (byte)(conditions & ~servo.LiveConditions);
        servo.LiveConditions = conditions;
        var unloading = (byte)(arising & servo.Read(T.UnloadingCondition));
        if (unloading != 0)
        {
            servo.LatchedConditions |= unloading;
            servo.Store(T.TorqueEnable, 0);
        }

        servo.Store(T.Status, conditions | servo.LatchedConditions);
    }

    public override byte StatusBits(EmulatedServo servo) => (byte)servo.Read(T.Status);

    public override void WritePresents(EmulatedServo servo)
    {
        // A single-turn absolute encoder: the present frame wraps at one turn.
        servo.Position = Wrap(servo.Position);
        servo.Store(T.PresentPosition, Math.Min((long)Math.Round(servo.Position), FeetechUnits.TicksPerRevolution - 1));
        servo.Store(T.PresentSpeed, Saturate(servo.Velocity, 32_767));
        servo.Store(T.PresentLoad, Saturate(servo.EffortFraction * 1000, 1000));
        servo.Store(T.PresentVoltage, Math.Clamp((long)Math.Round(servo.Volts / FeetechUnits.VoltageUnitVolts), 0, byte.MaxValue));
        servo.Store(T.PresentTemperature, Math.Clamp((long)Math.Round(servo.Temperature), 0, byte.MaxValue));
        servo.Store(T.Moving, Math.Abs(servo.Velocity) >= 1 ? 1 : 0);
        servo.Store(T.PresentCurrent, Saturate(servo.EffortFraction * servo.Dynamics.StallCurrentMilliamps / FeetechUnits.CurrentUnitMilliamps, 32_767));
    }

    public override byte Write(EmulatedServo servo, int address, ReadOnlySpan<byte> data)
    {
        var oldOffset = servo.Read(T.HomingOffset);
        var end = Math.Min(address + data.Length, MemorySize);
        for (var a = address; a < end; a++)
        {
            if (Owner[a] >= 0 && T.All[Owner[a]].Access != RegisterAccess.ReadWrite)
            {
                continue;
            }

            var value = data[a - address];
            if (a == T.Id.Address && value > ServoIds.MaxId)
            {
                continue;
            }

            // Enabling torque clears protections whose cause went away; while one lasts, torque stays off.
            if (a == T.TorqueEnable.Address && value == 1)
            {
                if (servo.RefusingTorqueEnable)
                {
                    continue; // injected refusal (EmulatedServo.RefusesTorqueEnable)
                }

                servo.LatchedConditions &= servo.LiveConditions;
                servo.Store(T.Status, servo.LiveConditions | servo.LatchedConditions);
                if ((servo.LiveConditions & servo.Read(T.UnloadingCondition)) != 0)
                {
                    continue;
                }
            }

            servo.Memory[a] = value;
        }

        servo.Position -= servo.Read(T.HomingOffset) - oldOffset; // Present = actual - Homing Offset
        WritePresents(servo);
        return 0;
    }

    public override int EncodeStatus(Span<byte> destination, byte id, byte status, ReadOnlySpan<byte> parameters) =>
        FeetechPacketWriter.EncodeStatus(destination, id, status, parameters);

    private static double Wrap(double ticks)
    {
        var wrapped = ticks % FeetechUnits.TicksPerRevolution;
        return wrapped < 0 ? wrapped + FeetechUnits.TicksPerRevolution : wrapped;
    }

    private static long Saturate(double value, long limit) => Math.Clamp((long)Math.Round(value), -limit, limit);

    private static int[] BuildOwners()
    {
        var owners = new int[MemorySize];
        Array.Fill(owners, -1);
        for (var i = 0; i < T.All.Count; i++)
        {
            for (var a = T.All[i].Address; a < T.All[i].End; a++)
            {
                owners[a] = i;
            }
        }

        return owners;
    }
}
