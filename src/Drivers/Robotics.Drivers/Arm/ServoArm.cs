using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;
using Robotics.Middleware.Hardware;
using Robotics.Middleware.Time;

namespace Robotics.Drivers.Arm;

/// <summary>
/// A position-controlled servo arm (LeRobot SO-100/SO-101, Koch) as an <see cref="IHardwareComponent"/>: one sync read
/// of present positions and one sync write of goals per tick. Torque comes on only the safe way (SAFETY.md I34):
/// read present, write goal = present, enable, read back. A servo's alert (Dynamixel Alert bit with its Hardware Error
/// Status, Feetech status bits) becomes <see cref="Fault"/>; a failed read returns false so the supervisor sees stale
/// data. Allocation-free per tick; used by the control loop thread only.
/// </summary>
public sealed class ServoArm : IHardwareComponent
{
    private readonly IServoBus _bus;
    private readonly ServoJoint[] _joints;
    private readonly byte[] _ids;
    private readonly int[] _ticks;
    private readonly int[] _goal;
    private readonly double[] _last;
    private readonly ServoReply[] _replies;
    private readonly string?[] _alerts;
    private readonly ServoRegister _torqueEnable;
    private readonly Func<ServoReply, string> _describeAlert;
    private readonly TimeProvider _time;
    private IDisposable? _owned;
    private long _lastStampNs;
    private bool _hasLast;
    private bool _torqueOn;
    private bool _torqueOffConfirmed;
    private string? _alertFault;
    private string? _enableFailure;

    private ServoArm(IServoBus bus, IReadOnlyList<ServoJoint> joints, ServoRegister torqueEnable, Func<ServoReply, string> describeAlert, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(joints);
        if (joints.Count == 0 || joints.Select(j => j.Id).Distinct().Count() != joints.Count || joints.Select(j => j.Name).Distinct().Count() != joints.Count)
        {
            throw new ArgumentException("a servo arm needs at least one joint, with distinct names and distinct servo ids", nameof(joints));
        }

        (_bus, _torqueEnable, _describeAlert, _time) = (bus, torqueEnable, describeAlert, time ?? TimeProvider.System);
        _joints = [.. joints];
        _ids = [.. joints.Select(j => j.Id)];
        _ticks = new int[_ids.Length];
        _goal = new int[_ids.Length];
        _last = new double[_ids.Length];
        _replies = new ServoReply[_ids.Length];
        _alerts = new string?[_ids.Length];
        JointNames = [.. joints.Select(j => j.Name)];
    }

    public IReadOnlyList<string> JointNames { get; }

    /// <summary>A servo's alert, or a failed torque enable (kept until torque is switched off, so it is not retried every tick).</summary>
    public string? Fault => _enableFailure ?? _alertFault;

    /// <summary>The bus's counters (timeouts, CRC errors, wrong ids, alerts) for diagnostics.</summary>
    public ServoBusStatistics Statistics => _bus.Statistics;

    /// <param name="owns">Disposed with the arm (typically the serial port under the bus).</param>
    public static ServoArm Dynamixel(DynamixelBus bus, IReadOnlyList<ServoJoint> joints, TimeProvider? time = null, IDisposable? owns = null)
    {
        ArgumentNullException.ThrowIfNull(bus);

        // Alert bit: the cause is in Hardware Error Status (register 70), read only when an alert shows (SAFETY.md H29).
        return new ServoArm(bus, joints, XSeriesControlTable.TorqueEnable, reply =>
            bus.ReadHardwareErrorStatus(reply.Id, out var errors).IsOk ? $"servo {reply.Id}: {errors}" : $"servo {reply.Id}: alert (hardware error status unreadable)", time)
        { _owned = owns };
    }

    /// <param name="owns">Disposed with the arm (typically the serial port under the bus).</param>
    public static ServoArm Feetech(FeetechBus bus, IReadOnlyList<ServoJoint> joints, TimeProvider? time = null, IDisposable? owns = null) =>
        new(bus, joints, StsControlTable.TorqueEnable, reply => $"servo {reply.Id}: {(FeetechHardwareStatus)reply.DeviceStatus}", time) { _owned = owns };

    public bool Read(Span<double> position, Span<double> velocity, out long stampNs)
    {
        var now = RosTime.NowNanoseconds(_time);
        var ok = _bus.SyncReadPresentPositions(_ids, _ticks, _replies) == _ids.Length;
        string? fault = null;
        for (var i = 0; i < _replies.Length; i++)
        {
            // Described once per alert (for Dynamixel that is one more transaction), not on every tick it lasts.
            _alerts[i] = !_replies[i].HardwareAlert ? null : _alerts[i] ?? $"{_joints[i].Name} {_describeAlert(_replies[i])}";
            fault ??= _alerts[i];
        }

        _alertFault = ok ? fault : _alertFault ?? fault;
        if (!ok)
        {
            stampNs = _lastStampNs;
            return false;
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
        if (!_torqueOn && (_enableFailure is not null || !EnableTorqueSafely()))
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

        var all = true;
        foreach (var id in _ids)
        {
            all &= _bus.WriteRegister(id, _torqueEnable, 0).IsOk;
        }

        (_torqueOn, _torqueOffConfirmed, _enableFailure) = (false, all, null);
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

    /// <summary>Goal = present before torque on, then verify every servo reports torque enabled (I34).</summary>
    private bool EnableTorqueSafely()
    {
        if (_bus.SyncReadPresentPositions(_ids, _ticks, _replies) != _ids.Length)
        {
            return false; // unknown pose: enabling now could jump
        }

        _bus.SyncWriteGoalPositions(_ids, _ticks);
        for (var i = 0; i < _ids.Length; i++)
        {
            _bus.WriteRegister(_ids[i], _torqueEnable, 1);
            if (!_bus.ReadRegister(_ids[i], _torqueEnable, out var enabled).IsOk || enabled != 1)
            {
                _enableFailure = $"{_joints[i].Name} (servo {_ids[i]}) did not enable torque: check its power and hardware error status, then DISABLE and ARM again";
                _torqueOffConfirmed = false; // the servos before it are on: the next DisableTorque must reach them
                return false;
            }
        }

        (_torqueOn, _torqueOffConfirmed) = (true, false);
        return true;
    }
}
