using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using Robotics.Middleware.Hardware;
using Robotics.Middleware.Time;

namespace Robotics.Drivers.Arm;

/// <summary>
/// A position-controlled servo arm (LeRobot SO-100/SO-101, Koch) as an <see cref="IHardwareComponent"/>: one sync read
/// of present positions, one servo's health block and one sync write of goals per tick. At connect every servo's
/// model, mode, return delay and position limits are verified (SAFETY.md H32): on a mismatch <see cref="Fault"/> names
/// it and torque never comes on. Torque comes on only the safe way (I34): read present, write goal = present, arm the
/// Dynamixel bus watchdog (E21), enable, read back. A servo's alert (Dynamixel Alert bit with its Hardware Error Status,
/// Feetech status bits), an expired watchdog or a stop-level temperature, voltage or load becomes <see cref="Fault"/>;
/// a warn-level one <see cref="Warning"/>; a failed position read returns false so the supervisor sees stale data.
/// Allocation-free per tick while nothing changes; used by the control loop thread only.
/// </summary>
public sealed class ServoArm : IHardwareComponent
{
    // A failed connect check is repeated at most this often while torque is off (a servo powered after the host).
    private static readonly TimeSpan ReverifyInterval = TimeSpan.FromSeconds(1);

    private readonly IServoBus _bus;
    private readonly ServoArmTable _table;
    private readonly ServoArmOptions _options;
    private readonly ServoJoint[] _joints;
    private readonly byte[] _ids;
    private readonly int[] _ticks;
    private readonly int[] _goal;
    private readonly double[] _last;
    private readonly ServoReply[] _replies;
    private readonly string?[] _alerts;
    private readonly bool[] _alertDescribed;
    private readonly Func<ServoReply, string?> _describeAlert;
    private readonly TimeProvider _time;
    private ServoHealthMonitor _health;
    private IDisposable? _owned;
    private long _lastStampNs;
    private long _nextVerifyNs;
    private bool _hasLast;
    private bool _torqueOn;
    private bool _torqueOffConfirmed;
    private string? _alertFault;
    private string? _enableFailure;
    private string? _verifyFailure;
    private string? _readWarning;
    private ServoReply _readFailure;

    private ServoArm(IServoBus bus, IReadOnlyList<ServoJoint> joints, ServoArmTable table, ServoArmOptions? options, Func<ServoReply, string?> describeAlert, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(joints);
        if (joints.Count == 0 || joints.Select(j => j.Id).Distinct().Count() != joints.Count || joints.Select(j => j.Name).Distinct().Count() != joints.Count)
        {
            throw new ArgumentException("a servo arm needs at least one joint, with distinct names and distinct servo ids", nameof(joints));
        }

        if (joints.FirstOrDefault(j => j.MinTicks >= j.MaxTicks) is { } swapped)
        {
            throw new ArgumentException($"joint '{swapped.Name}': min_ticks {swapped.MinTicks} must be below max_ticks {swapped.MaxTicks} (SAFETY.md A5: never swapped silently)", nameof(joints));
        }

        _options = options ?? new ServoArmOptions();
        _options.CheckOrder();
        (_bus, _table, _describeAlert, _time) = (bus, table, describeAlert, time ?? TimeProvider.System);
        _joints = [.. joints];
        _ids = [.. joints.Select(j => j.Id)];
        _ticks = new int[_ids.Length];
        _goal = new int[_ids.Length];
        _last = new double[_ids.Length];
        _replies = new ServoReply[_ids.Length];
        _alerts = new string?[_ids.Length];
        _alertDescribed = new bool[_ids.Length];
        JointNames = [.. joints.Select(j => j.Name)];
        _health = Verify();
    }

    public IReadOnlyList<string> JointNames { get; }

    /// <summary>
    /// A servo's alert, a failed torque enable (kept until torque is switched off, so it is not retried every tick), a
    /// failed connect check (H32), or an expired watchdog / stop-level derating from the health samples.
    /// </summary>
    public string? Fault => _alertFault ?? _enableFailure ?? _verifyFailure ?? _health.Fault;

    /// <summary>Failing position reads, or a warn-level temperature, voltage or load (H32); null while none.</summary>
    public string? Warning => _readWarning ?? _health.Warning;

    /// <summary>The bus's counters (timeouts, CRC errors, wrong ids, alerts) for diagnostics.</summary>
    public ServoBusStatistics Statistics => _bus.Statistics;

    /// <param name="owns">Disposed with the arm (typically the serial port under the bus).</param>
    public static ServoArm Dynamixel(DynamixelBus bus, IReadOnlyList<ServoJoint> joints, TimeProvider? time = null, IDisposable? owns = null, ServoArmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bus);

        // Alert bit: the cause is in Hardware Error Status (register 70), read only when an alert shows (SAFETY.md H29).
        return new ServoArm(bus, joints, ServoArmTable.Dynamixel, options, reply =>
            bus.ReadHardwareErrorStatus(reply.Id, out var errors).IsOk ? $"servo {reply.Id}: {errors}" : null, time)
        { _owned = owns };
    }

    /// <summary>A Feetech STS arm: position mode only and no device watchdog, which STS servos lack (SAFETY.md E21).</summary>
    /// <param name="owns">Disposed with the arm (typically the serial port under the bus).</param>
    public static ServoArm Feetech(FeetechBus bus, IReadOnlyList<ServoJoint> joints, TimeProvider? time = null, IDisposable? owns = null, ServoArmOptions? options = null) =>
        new(bus, joints, ServoArmTable.Feetech, options, reply => $"servo {reply.Id}: {(FeetechHardwareStatus)reply.DeviceStatus}", time) { _owned = owns };

    public bool Read(Span<double> position, Span<double> velocity, out long stampNs)
    {
        var now = RosTime.NowNanoseconds(_time);
        var ok = _bus.SyncReadPresentPositions(_ids, _ticks, _replies) == _ids.Length;
        string? fault = null;
        for (var i = 0; i < _replies.Length; i++)
        {
            // Described once per alert (for Dynamixel that is one more transaction), not on every tick it lasts; a
            // description that could not be read is tried again next tick, so the cause still reaches the operator.
            _alerts[i] = !_replies[i].HardwareAlert ? null : _alerts[i] is { } known && _alertDescribed[i] ? known : Describe(i);
            fault ??= _alerts[i];
        }

        _alertFault = ok ? fault : _alertFault ?? fault;
        NoteReadOutcome(ok);
        if (!ok)
        {
            stampNs = _lastStampNs;
            return false; // the bus is in trouble: no health read, which would cost one more reply deadline
        }

        _health.SampleNext(_bus, now);
        if (_verifyFailure is not null && !_torqueOn && now >= _nextVerifyNs)
        {
            _health = Verify();
        }

        var dt = (now - _lastStampNs) / 1e9;
        for (var i = 0; i < _joints.Length; i++)
        {
            position[i] = _joints[i].ToRadians(_ticks[i]);
            velocity[i] = _hasLast && dt > 0 ? (position[i] - _last[i]) / dt : 0;
            _last[i] = position[i];
        }

        (_lastStampNs, _hasLast, stampNs) = (now, true, now);
        return true;
    }

    public void WritePosition(ReadOnlySpan<double> position, ReadOnlySpan<double> velocity)
    {
        if (!_torqueOn && (_enableFailure is not null || _verifyFailure is not null || !EnableTorqueSafely()))
        {
            return;
        }

        for (var i = 0; i < _joints.Length; i++)
        {
            _goal[i] = _joints[i].ToTicks(position[i]);
        }

        _bus.SyncWriteGoalPositions(_ids, _goal);
    }

    public void DisableTorque()
    {
        if (!_torqueOn && _torqueOffConfirmed)
        {
            return; // the loop asks every tick while DISABLED: stay off the bus
        }

        (_torqueOn, _torqueOffConfirmed, _enableFailure) = (false, SwitchOff(), null);
    }

    public void Dispose()
    {
        try
        {
            DisableTorque();
        }
        finally
        {
            _owned?.Dispose();
            _owned = null;
        }
    }

    /// <summary>H32 at connect (and again while it fails, at most once a second): the one error, or a health monitor for the verified servos.</summary>
    private ServoHealthMonitor Verify()
    {
        var limits = new ServoDeviceLimits[_joints.Length];
        _verifyFailure = ServoConnectCheck.Verify(_bus, _table, _joints, _options, limits);
        _nextVerifyNs = RosTime.NowNanoseconds(_time) + (long)ReverifyInterval.TotalNanoseconds;
        return new ServoHealthMonitor(_table, _joints, _options, limits);
    }

    /// <summary>
    /// Goal = present before torque on (I34); each servo's bus watchdog is armed before its torque, so torque is never
    /// on without it (E21); then every servo must report torque enabled. A servo that refuses leaves the arm as it was.
    /// </summary>
    private bool EnableTorqueSafely()
    {
        if (_bus.SyncReadPresentPositions(_ids, _ticks, _replies) != _ids.Length)
        {
            return false; // unknown pose: enabling now could jump
        }

        _bus.SyncWriteGoalPositions(_ids, _ticks);
        for (var i = 0; i < _ids.Length; i++)
        {
            if (_table.BusWatchdog is { } watchdog && _bus.WriteRegister(_ids[i], watchdog, _options.BusWatchdogUnits) is { IsOk: false } armed)
            {
                return Refused(i, $"did not take its {watchdog.Name} (register {watchdog.Address} = {_options.BusWatchdogUnits}: {Describe(armed)})");
            }

            var write = _bus.WriteRegister(_ids[i], _table.TorqueEnable, 1);
            if (!_bus.ReadRegister(_ids[i], _table.TorqueEnable, out var enabled).IsOk || enabled != 1)
            {
                return Refused(i, $"refused torque enable (write: {Describe(write)}; {_table.TorqueEnable.Name} reads {enabled})");
            }
        }

        (_torqueOn, _torqueOffConfirmed) = (true, false);
        return true;
    }

    private bool Refused(int servo, string what)
    {
        _enableFailure = $"{_joints[servo].Name} (servo {_ids[servo]}) {what}: check its power and hardware error status (`robotics motors status`), then DISABLE and ARM again";

        // Half an arm stiff and half limp is neither DISABLED nor ARMED: the servos already enabled go off again. The
        // flag stays false so the operator's DISABLE still reaches them all (and clears this failure).
        SwitchOff();
        _torqueOffConfirmed = false;
        return false;
    }

    /// <summary>Torque off on every servo, then (Dynamixel) every bus watchdog disarmed, which also clears a fired one (E21).</summary>
    private bool SwitchOff()
    {
        var all = true;
        foreach (var id in _ids)
        {
            all &= _bus.WriteRegister(id, _table.TorqueEnable, 0).IsOk;
        }

        if (_table.BusWatchdog is { } watchdog)
        {
            var cleared = true;
            foreach (var id in _ids)
            {
                cleared &= _bus.WriteRegister(id, watchdog, 0).IsOk;
            }

            if (cleared)
            {
                _health.ClearWatchdogs();
            }

            all &= cleared;
        }

        return all;
    }

    /// <summary>Servo i's alert with its cause, or a placeholder while the cause cannot be read (then tried again).</summary>
    private string Describe(int i)
    {
        var cause = _describeAlert(_replies[i]);
        _alertDescribed[i] = cause is not null;
        return $"{_joints[i].Name} {cause ?? $"servo {_ids[i]}: alert (hardware error status unreadable)"}";
    }

    /// <summary>Names the first servo whose position read failed, composed only when that changes (H31 diagnostics).</summary>
    private void NoteReadOutcome(bool ok)
    {
        if (ok)
        {
            (_readWarning, _readFailure) = (null, default);
            return;
        }

        var i = Array.FindIndex(_replies, static r => !r.IsOk);
        if (i >= 0 && (_readWarning is null || _replies[i].Id != _readFailure.Id || _replies[i].Error != _readFailure.Error))
        {
            _readFailure = _replies[i];
            _readWarning = $"position read failed: {_joints[i].Name} (servo {_ids[i]}) {_replies[i].Error}: check its power, cable and id";
        }
    }

    private string Describe(ServoReply reply) => reply.Error switch
    {
        ServoError.None => "accepted",
        ServoError.DeviceRejected => $"rejected, {_table.DescribeStatus(reply.DeviceStatus)}",
        var error => error.ToString(),
    };
}
