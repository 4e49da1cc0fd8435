using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Emulator;

/// <summary>What differs between an emulated Dynamixel and an emulated Feetech servo: the control table and its rules.</summary>
internal abstract class ServoBehavior
{
    /// <summary>Control-table bytes emulated (both tables end below 256).</summary>
    public const int MemorySize = 256;

    public abstract EmulatedProtocol Protocol { get; }

    public abstract string ModelName { get; }

    /// <summary>Writes factory values; keeps id (and baud rate) when asked, as Factory Reset options do.</summary>
    public abstract void Initialize(EmulatedServo servo, byte id, bool keepId, bool keepBaudRate);

    public abstract ServoRegister IdRegister { get; }

    public abstract ServoRegister TorqueEnableRegister { get; }

    public abstract ServoRegister GoalPositionRegister { get; }

    public abstract ServoRegister PresentPositionRegister { get; }

    public abstract ServoRegister StatusReturnLevelRegister { get; }

    /// <summary>Goal in present-position ticks, already clamped to the limits the mode applies.</summary>
    public abstract double Goal(EmulatedServo servo);

    /// <summary>Speed limit in ticks/s from the registers, or the dynamics' default when they set none.</summary>
    public abstract double SpeedLimit(EmulatedServo servo);

    public abstract (double Min, double Max) VoltageLimits(EmulatedServo servo);

    public abstract double TemperatureLimit(EmulatedServo servo);

    /// <summary>The protocol's bit for a fault, or throws <see cref="ArgumentException"/> when the protocol has none.</summary>
    public abstract byte BitFor(HardwareFault fault);

    /// <summary>Takes the hardware conditions present now (protocol bits) and applies the protocol's latching and shutdown rules.</summary>
    public abstract void UpdateConditions(EmulatedServo servo, byte conditions);

    /// <summary>Status byte of the next reply before any error number: Dynamixel Alert bit, Feetech status bits.</summary>
    public abstract byte StatusBits(EmulatedServo servo);

    /// <summary>Mirrors the physical state into the present-value registers.</summary>
    public abstract void WritePresents(EmulatedServo servo);

    /// <summary>Applies a host write with the protocol's rules; returns a Dynamixel error number (always 0 for Feetech).</summary>
    public abstract byte Write(EmulatedServo servo, int address, ReadOnlySpan<byte> data);

    /// <summary>Per-step protocol duties (the Dynamixel bus watchdog).</summary>
    public virtual void Tick(EmulatedServo servo, double seconds)
    {
    }

    /// <summary>Restarts the servo (Dynamixel Reboot): RAM back to factory values, latched errors cleared.</summary>
    public virtual void Reboot(EmulatedServo servo)
    {
    }

    /// <summary>Builds a status packet into <paramref name="destination"/>; returns its length.</summary>
    public abstract int EncodeStatus(Span<byte> destination, byte id, byte status, ReadOnlySpan<byte> parameters);
}
