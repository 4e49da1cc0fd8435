using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Servos;
using T = Robotics.Drivers.Dynamixel.XSeriesControlTable;

namespace Robotics.Drivers.Emulator;

/// <summary>
/// The X-series control table and its rules (e-manual): factory values of the model, EEPROM locked while torque is
/// on, read-only items, whole-register writes, value ranges, Shutdown/Hardware Error Status latching until reboot,
/// the bus watchdog. Position modes (3, 4, 5) move; the other modes hold position (not emulated). Gains are stored
/// but not used: the dynamics are the emulator's own first-order model.
/// </summary>
internal sealed class DynamixelServoBehavior(DynamixelModel model, byte firmwareVersion) : ServoBehavior
{
    // Which register owns each address (-1: none), built once from the control table.
    private static readonly int[] Owner = BuildOwners();

    private static readonly double TicksPerSecondPerVelocityUnit = DynamixelUnits.VelocityUnitRpm * DynamixelUnits.TicksPerRevolution / 60;

    public override EmulatedProtocol Protocol => EmulatedProtocol.Dynamixel2;

    public override string ModelName => model.Name;

    public override ServoRegister IdRegister => T.Id;

    public override ServoRegister TorqueEnableRegister => T.TorqueEnable;

    public override ServoRegister GoalPositionRegister => T.GoalPosition;

    public override ServoRegister PresentPositionRegister => T.PresentPosition;

    public override ServoRegister StatusReturnLevelRegister => T.StatusReturnLevel;

    public override void Initialize(EmulatedServo servo, byte id, bool keepId, bool keepBaudRate)
    {
        var oldId = servo.Read(T.Id);
        var oldBaud = servo.Read(T.BaudRate);
        servo.Memory.AsSpan(0, T.TorqueEnable.Address).Clear();
        servo.Store(T.ModelNumber, model.ModelNumber);
        servo.Store(T.FirmwareVersion, firmwareVersion);
        servo.Store(T.Id, keepId ? oldId : id);
        servo.Store(T.BaudRate, keepBaudRate ? oldBaud : 1); // factory 57,600 bps
        servo.Store(T.ReturnDelayTime, 250);                // factory 500 µs
        servo.Store(T.OperatingMode, (byte)DynamixelOperatingMode.Position);
        servo.Store(T.SecondaryId, 255);
        servo.Store(T.ProtocolType, 2);
        servo.Store(T.MovingThreshold, 10);
        servo.Store(T.TemperatureLimit, model.TemperatureLimitCelsius);
        servo.Store(T.MaxVoltageLimit, model.MaxVoltageLimit);
        servo.Store(T.MinVoltageLimit, model.MinVoltageLimit);
        servo.Store(T.PwmLimit, DynamixelUnits.PwmFullScale);
        servo.Store(T.CurrentLimit, model.CurrentLimit);
        servo.Store(T.VelocityLimit, model.VelocityLimit);
        servo.Store(T.MaxPositionLimit, DynamixelUnits.TicksPerRevolution - 1);
        servo.Store(T.Shutdown, model.Shutdown);
        InitializeRam(servo);
    }

    public override void Reboot(EmulatedServo servo)
    {
        InitializeRam(servo);
        servo.Registered = null;
        servo.OverloadSeconds = 0;
        WritePresents(servo);
        servo.SetGoalToPresent();
    }

    public override double Goal(EmulatedServo servo)
    {
        double goal = servo.Read(T.GoalPosition);
        return (DynamixelOperatingMode)servo.Read(T.OperatingMode) switch
        {
            DynamixelOperatingMode.Position => Math.Clamp(goal, servo.Read(T.MinPositionLimit), servo.Read(T.MaxPositionLimit)),
            DynamixelOperatingMode.ExtendedPosition or DynamixelOperatingMode.CurrentBasedPosition => goal,
            _ => servo.Position,
        };
    }

    public override double SpeedLimit(EmulatedServo servo)
    {
        var profile = servo.Read(T.ProfileVelocity);
        var limit = servo.Read(T.VelocityLimit);
        var raw = profile > 0 && limit > 0 ? Math.Min(profile, limit) : Math.Max(profile, limit);
        return raw > 0 ? raw * TicksPerSecondPerVelocityUnit : servo.Dynamics.MaxSpeedTicksPerSecond;
    }

    public override (double Min, double Max) VoltageLimits(EmulatedServo servo) =>
        (servo.Read(T.MinVoltageLimit) * DynamixelUnits.VoltageUnitVolts, servo.Read(T.MaxVoltageLimit) * DynamixelUnits.VoltageUnitVolts);

    public override double TemperatureLimit(EmulatedServo servo) => servo.Read(T.TemperatureLimit);

    public override byte BitFor(HardwareFault fault) => fault switch
    {
        HardwareFault.InputVoltage => (byte)DynamixelHardwareError.InputVoltage,
        HardwareFault.Overheating => (byte)DynamixelHardwareError.Overheating,
        HardwareFault.MotorEncoder => (byte)DynamixelHardwareError.MotorEncoder,
        HardwareFault.ElectricalShock => (byte)DynamixelHardwareError.ElectricalShock,
        HardwareFault.Overload => (byte)DynamixelHardwareError.Overload,
        _ => throw new ArgumentException($"a Dynamixel X servo has no {fault} bit in Hardware Error Status", nameof(fault)),
    };

    // The servo detects the conditions enabled in Shutdown (63); a detected one is latched in Hardware Error
    // Status (70), clears Torque Enable, and stays until REBOOT (e-manual "Shutdown").
    public override void UpdateConditions(EmulatedServo servo, byte conditions)
    {
        servo.LiveConditions = conditions;
        var status = (byte)servo.Read(T.HardwareErrorStatus);
        var detected = (byte)(conditions & servo.Read(T.Shutdown) & ~status);
        if (detected == 0)
        {
            return;
        }

        servo.Store(T.HardwareErrorStatus, status | detected);
        servo.Store(T.TorqueEnable, 0);
    }

    public override byte StatusBits(EmulatedServo servo) => servo.Read(T.HardwareErrorStatus) != 0 ? DynamixelStatusField.AlertBit : (byte)0;

    public override void WritePresents(EmulatedServo servo)
    {
        servo.Store(T.PresentPosition, Saturate(servo.Position, int.MinValue, int.MaxValue));
        servo.Store(T.PresentVelocity, Saturate(servo.Velocity / TicksPerSecondPerVelocityUnit, int.MinValue, int.MaxValue));
        servo.Store(T.PresentCurrent, Saturate(servo.EffortFraction * servo.Read(T.CurrentLimit), short.MinValue, short.MaxValue));
        servo.Store(T.PresentPwm, Saturate(servo.EffortFraction * servo.Read(T.PwmLimit), short.MinValue, short.MaxValue));
        servo.Store(T.PresentInputVoltage, Saturate(servo.Volts / DynamixelUnits.VoltageUnitVolts, 0, ushort.MaxValue));
        servo.Store(T.PresentTemperature, Saturate(servo.Temperature, 0, byte.MaxValue));
        servo.Store(T.Moving, Math.Abs(servo.Velocity) > servo.Read(T.MovingThreshold) * TicksPerSecondPerVelocityUnit ? 1 : 0);
        servo.Store(T.RealtimeTick, (long)servo.ElapsedMilliseconds % 32_768);
    }

    // Bus Watchdog (98): armed with torque on, fires when no instruction packet came for value x 20 ms: the servo
    // stops (goal = present) and the register reads -1 until the host writes 0 (e-manual "Bus Watchdog").
    public override void Tick(EmulatedServo servo, double seconds)
    {
        var watchdog = servo.Read(T.BusWatchdog);
        if (watchdog > 0 && servo.Read(T.TorqueEnable) == 1 && servo.SecondsSinceInstruction > watchdog * DynamixelUnits.BusWatchdogUnit.TotalSeconds)
        {
            servo.Store(T.BusWatchdog, -1);
            servo.SetGoalToPresent();
        }
    }

    public override byte Write(EmulatedServo servo, int address, ReadOnlySpan<byte> data)
    {
        if (address + data.Length > MemorySize)
        {
            return (byte)DynamixelErrorNumber.AccessError;
        }

        for (var a = address; a < address + data.Length;)
        {
            if (Owner[a] < 0)
            {
                return (byte)DynamixelErrorNumber.AccessError; // undefined address
            }

            var register = T.All[Owner[a]];
            if (register.Address != a || register.End > address + data.Length)
            {
                return (byte)DynamixelErrorNumber.DataLengthError; // part of a register
            }

            if (register.Access != RegisterAccess.ReadWrite || (register.IsEeprom && servo.Read(T.TorqueEnable) == 1))
            {
                return (byte)DynamixelErrorNumber.AccessError;
            }

            var error = Validate(servo, register, register.Decode(data.Slice(a - address, register.Size)));
            if (error != DynamixelErrorNumber.None)
            {
                return (byte)error;
            }

            a = register.End;
        }

        var oldOffset = servo.Read(T.HomingOffset);
        data.CopyTo(servo.Memory.AsSpan(address));
        servo.Position += servo.Read(T.HomingOffset) - oldOffset; // Present = actual + Homing Offset
        WritePresents(servo);
        return 0;
    }

    public override int EncodeStatus(Span<byte> destination, byte id, byte status, ReadOnlySpan<byte> parameters) =>
        DynamixelPacketWriter.EncodeStatus(destination, id, status, parameters);

    private static DynamixelErrorNumber Validate(EmulatedServo servo, ServoRegister register, long value)
    {
        var watchdogFired = servo.Read(T.BusWatchdog) < 0;
        return register.Address switch
        {
            7 when value > ServoIds.MaxId => DynamixelErrorNumber.DataRangeError,
            8 when value > 7 => DynamixelErrorNumber.DataRangeError,
            9 when value > 254 => DynamixelErrorNumber.DataRangeError,
            11 when value is not (0 or 1 or 3 or 4 or 5 or 16) => DynamixelErrorNumber.DataRangeError,

            // Only REBOOT re-enables torque after a shutdown; the e-manual names no error number, Result Fail is used.
            64 when value > 1 => DynamixelErrorNumber.DataRangeError,
            64 when value == 1 && (servo.Read(T.HardwareErrorStatus) != 0 || servo.RefusingTorqueEnable) => DynamixelErrorNumber.ResultFail,
            68 when value > 2 => DynamixelErrorNumber.DataRangeError,
            98 when value is < 0 or > 127 => DynamixelErrorNumber.DataRangeError,
            100 or 102 or 104 or 116 when watchdogFired => DynamixelErrorNumber.DataRangeError,
            116 when servo.Read(T.OperatingMode) == (byte)DynamixelOperatingMode.Position
                     && (value < servo.Read(T.MinPositionLimit) || value > servo.Read(T.MaxPositionLimit)) => DynamixelErrorNumber.DataLimitError,
            _ => DynamixelErrorNumber.None,
        };
    }

    private static void InitializeRam(EmulatedServo servo)
    {
        servo.Memory.AsSpan(T.TorqueEnable.Address).Clear();
        servo.Store(T.StatusReturnLevel, 2);
    }

    private static long Saturate(double value, long min, long max) => (long)Math.Clamp(Math.Round(value), min, max);

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
