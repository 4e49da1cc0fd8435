using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Emulator;

/// <summary>
/// One emulated servo: a control table that the protocol reads and writes byte for byte, first-order position dynamics
/// toward the goal while torque is on (speed-limited by the registers), load, current, temperature, supply voltage,
/// and injectable faults. Time moves only through <see cref="ServoBusEmulator.Step"/> (or the emulator's clock), so
/// tests are deterministic. Thread-safe: the emulator thread and the test may both touch it.
/// </summary>
public sealed class EmulatedServo
{
    private readonly ServoBehavior _behavior;
    private ReplyFault _replyFault;
    private int _replyFaultCount;
    private double _volts;
    private double _externalLoad;
    private bool _blocked;
    private bool _refusesTorqueEnable;

    private EmulatedServo(ServoBehavior behavior, byte id, double positionTicks, double volts, EmulatedServoDynamics? dynamics)
    {
        ServoIds.Check(id, nameof(id));
        if (!double.IsFinite(positionTicks))
        {
            throw new ArgumentOutOfRangeException(nameof(positionTicks), positionTicks, "initial position must be finite");
        }

        _behavior = behavior;
        Dynamics = dynamics ?? new EmulatedServoDynamics();
        Position = positionTicks;
        _volts = volts;
        Temperature = Dynamics.AmbientCelsius;
        behavior.Initialize(this, id, keepId: false, keepBaudRate: false);
        behavior.WritePresents(this);
        SetGoalToPresent();
    }

    /// <summary>An X-series Dynamixel with the model's factory control table and its nominal supply voltage.</summary>
    public static EmulatedServo Dynamixel(byte id, DynamixelModel model, byte firmwareVersion = 52, double positionTicks = 2048, EmulatedServoDynamics? dynamics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new EmulatedServo(new DynamixelServoBehavior(model, firmwareVersion), id, positionTicks, model.NominalVolts, dynamics);
    }

    /// <summary>A Feetech STS3215 with the emulator's factory control table at 12 V.</summary>
    public static EmulatedServo Sts3215(byte id, double positionTicks = 2048, EmulatedServoDynamics? dynamics = null) =>
        new(new FeetechServoBehavior(), id, positionTicks, FeetechServoBehavior.NominalVolts, dynamics);

    public EmulatedProtocol Protocol => _behavior.Protocol;

    public string ModelName => _behavior.ModelName;

    public EmulatedServoDynamics Dynamics { get; }

    /// <summary>The id in the control table now (the host may change it).</summary>
    public byte Id
    {
        get
        {
            lock (Gate)
            {
                return (byte)Read(_behavior.IdRegister);
            }
        }
    }

    /// <summary>Position in present-position ticks, continuous (not wrapped).</summary>
    public double PositionTicks
    {
        get
        {
            lock (Gate)
            {
                return Position;
            }
        }
    }

    public double VelocityTicksPerSecond
    {
        get
        {
            lock (Gate)
            {
                return Velocity;
            }
        }
    }

    /// <summary>Fraction of maximum torque the motor is producing, −1 .. 1.</summary>
    public double Effort
    {
        get
        {
            lock (Gate)
            {
                return EffortFraction;
            }
        }
    }

    public bool TorqueEnabled
    {
        get
        {
            lock (Gate)
            {
                return Read(_behavior.TorqueEnableRegister) == 1;
            }
        }
    }

    public double TemperatureCelsius
    {
        get
        {
            lock (Gate)
            {
                return Temperature;
            }
        }

        set
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "temperature must be finite");
            }

            lock (Gate)
            {
                Temperature = value;
                _behavior.WritePresents(this);
            }
        }
    }

    /// <summary>Supply voltage; outside the voltage limit registers the servo reports a voltage error at the next step.</summary>
    public double InputVoltageVolts
    {
        get
        {
            lock (Gate)
            {
                return _volts;
            }
        }

        set
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "supply voltage must be finite and not negative");
            }

            lock (Gate)
            {
                _volts = value;
                _behavior.WritePresents(this);
            }
        }
    }

    /// <summary>Effort an external load demands (−1 .. 1 of maximum torque); 1 held for the trip time is an overload.</summary>
    public double ExternalLoad
    {
        get
        {
            lock (Gate)
            {
                return _externalLoad;
            }
        }

        set
        {
            if (!double.IsFinite(value) || value < -1 || value > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "external load must be within -1 .. 1");
            }

            lock (Gate)
            {
                _externalLoad = value;
            }
        }
    }

    /// <summary>The horn cannot move (an obstacle): effort grows with the position error instead.</summary>
    public bool Blocked
    {
        get
        {
            lock (Gate)
            {
                return _blocked;
            }
        }

        set
        {
            lock (Gate)
            {
                _blocked = value;
            }
        }
    }

    /// <summary>
    /// Fault injection: torque enable writes are answered but not carried out (Dynamixel: Result Fail; Feetech: the
    /// byte is not stored), with no alert bit and nothing in the error registers. The alert path (SAFETY.md H29)
    /// cannot see this; only reading Torque Enable back after the write can (I34).
    /// </summary>
    public bool RefusesTorqueEnable
    {
        get
        {
            lock (Gate)
            {
                return _refusesTorqueEnable;
            }
        }

        set
        {
            lock (Gate)
            {
                _refusesTorqueEnable = value;
            }
        }
    }

    internal Lock Gate { get; } = new();

    internal byte[] Memory { get; } = new byte[ServoBehavior.MemorySize];

    internal ServoBehavior Behavior => _behavior;

    internal double Position { get; set; }

    internal double Velocity { get; set; }

    internal double EffortFraction { get; set; }

    internal double Temperature { get; set; }

    internal double Volts => _volts;

    internal double ExternalLoadFraction => _externalLoad;

    internal bool IsBlocked => _blocked;

    internal bool RefusingTorqueEnable => _refusesTorqueEnable;

    /// <summary>Hardware conditions given by the test (protocol bits), present until <see cref="ClearHardwareFaults"/>.</summary>
    internal byte InjectedConditions { get; private set; }

    /// <summary>Hardware conditions present at the last step (protocol bits).</summary>
    internal byte LiveConditions { get; set; }

    /// <summary>Conditions kept after their cause went away (Feetech protections that unloaded torque).</summary>
    internal byte LatchedConditions { get; set; }

    /// <summary>How long full effort has been held (overload protection).</summary>
    internal double OverloadSeconds { get; set; }

    /// <summary>Seconds since the last instruction packet on the bus (Dynamixel bus watchdog).</summary>
    internal double SecondsSinceInstruction { get; set; }

    /// <summary>Milliseconds since power-on, for Realtime Tick.</summary>
    internal double ElapsedMilliseconds { get; set; }

    /// <summary>A Reg Write waiting for Action: address and data.</summary>
    internal (int Address, byte[] Data)? Registered { get; set; }

    /// <summary>Moves the horn by hand to <paramref name="positionTicks"/> (present-position ticks), with torque on or off.</summary>
    public void MoveByHand(double positionTicks)
    {
        if (!double.IsFinite(positionTicks))
        {
            throw new ArgumentOutOfRangeException(nameof(positionTicks), positionTicks, "position must be finite");
        }

        lock (Gate)
        {
            Position = positionTicks;
            _behavior.WritePresents(this);
        }
    }

    /// <summary>Spoils the next <paramref name="count"/> replies of this servo (int.MaxValue: until replaced; None clears).</summary>
    public void InjectReplyFault(ReplyFault fault, int count = 1)
    {
        if (!Enum.IsDefined(fault))
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown reply fault");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (Gate)
        {
            _replyFault = fault;
            _replyFaultCount = fault == ReplyFault.None ? 0 : count;
        }
    }

    /// <summary>Replies still to be spoiled.</summary>
    public int PendingReplyFaults
    {
        get
        {
            lock (Gate)
            {
                return _replyFaultCount;
            }
        }
    }

    /// <summary>
    /// Gives the servo a hardware condition from the next step on, as if it happened; it stays until
    /// <see cref="ClearHardwareFaults"/>. A Dynamixel latches it in Hardware Error Status and drops torque when its
    /// Shutdown register says so; a Feetech reports it in every status byte and drops torque per Unloading Condition.
    /// Throws <see cref="ArgumentException"/> when the protocol has no such bit.
    /// </summary>
    public void InjectHardwareFault(HardwareFault fault)
    {
        var bit = _behavior.BitFor(fault);
        lock (Gate)
        {
            InjectedConditions |= bit;
            _behavior.UpdateConditions(this, (byte)(InjectedConditions | MeasuredConditions()));
            _behavior.WritePresents(this);
        }
    }

    /// <summary>Removes injected causes. A Dynamixel keeps its latched Hardware Error Status until rebooted, as real ones do.</summary>
    public void ClearHardwareFaults()
    {
        lock (Gate)
        {
            InjectedConditions = 0;
        }
    }

    /// <summary>Copy of <paramref name="length"/> control-table bytes at <paramref name="address"/>.</summary>
    public byte[] PeekMemory(int address, int length)
    {
        CheckRange(address, length);
        lock (Gate)
        {
            return Memory.AsSpan(address, length).ToArray();
        }
    }

    /// <summary>Overwrites control-table bytes directly, without the protocol's rules (test set-up).</summary>
    public void PokeMemory(int address, ReadOnlySpan<byte> data)
    {
        CheckRange(address, data.Length);
        lock (Gate)
        {
            data.CopyTo(Memory.AsSpan(address));
        }
    }

    /// <summary>Decoded value of a control-table register.</summary>
    public long ReadRegister(ServoRegister register)
    {
        CheckRange(register.Address, register.Size);
        lock (Gate)
        {
            return Read(register);
        }
    }

    internal long Read(ServoRegister register) => register.Decode(Memory.AsSpan(register.Address, register.Size));

    internal void Store(ServoRegister register, long value) => register.Encode(value, Memory.AsSpan(register.Address, register.Size));

    /// <summary>Goal = present position (power-on, reboot, watchdog stop).</summary>
    internal void SetGoalToPresent() => Store(_behavior.GoalPositionRegister, Read(_behavior.PresentPositionRegister));

    /// <summary>Takes the fault for the reply about to be sent.</summary>
    internal ReplyFault TakeReplyFault()
    {
        if (_replyFaultCount == 0)
        {
            return ReplyFault.None;
        }

        if (_replyFaultCount != int.MaxValue)
        {
            _replyFaultCount--;
        }

        return _replyFault;
    }

    /// <summary>Advances the physics by <paramref name="seconds"/> (caller holds <see cref="Gate"/>).</summary>
    internal void Step(double seconds) => ServoPhysics.Step(this, seconds);

    /// <summary>Conditions the physical state shows now: supply out of limits, too hot, full effort too long.</summary>
    internal byte MeasuredConditions() => ServoPhysics.MeasuredConditions(this);

    private static void CheckRange(int address, int length)
    {
        if (address < 0 || length < 0 || address + length > ServoBehavior.MemorySize)
        {
            throw new ArgumentOutOfRangeException(nameof(address), address, $"{length} bytes at {address} are outside the emulated {ServoBehavior.MemorySize}-byte control table");
        }
    }
}
