namespace Robotics.Middleware.Hardware;

/// <summary>
/// The in-memory arm for tests and the sim-free demo: each joint moves toward its goal at up to
/// <see cref="MaxSpeed"/> rad/s on the injected clock; torque off leaves it where it is (or where a test pushes it).
/// </summary>
public sealed class KinematicArm(IReadOnlyList<string> joints, TimeProvider time, double maxSpeed = 6.0) : IHardwareComponent
{
    private readonly double[] _position = new double[joints.Count];
    private readonly double[] _goal = new double[joints.Count];
    private readonly double[] _velocity = new double[joints.Count];
    private long _lastNs = Time.RosTime.NowNanoseconds(time);

    public IReadOnlyList<string> JointNames { get; } = joints;

    public double MaxSpeed { get; } = maxSpeed;

    public bool TorqueEnabled { get; private set; }

    /// <summary>Goal writes so far (a test can see that nothing was sent).</summary>
    public long Writes { get; private set; }

    /// <summary>A device fault to report (tests inject one); null while healthy.</summary>
    public string? Fault { get; set; }

    /// <summary>Makes goal writes throw this (an adapter unplugged mid-write), for tests.</summary>
    public Exception? FailWritesWith { get; set; }

    /// <summary>Makes the next reads fail (a disconnected cable).</summary>
    public bool FailReads { get; set; }

    /// <summary>Moves a joint by hand (only sticks while torque is off; with torque on the servo pulls back).</summary>
    public void Push(int joint, double position) => _position[joint] = position;

    public IReadOnlyList<double> Positions => _position;

    public bool Read(Span<double> position, Span<double> velocity, out long stampNs)
    {
        Advance();
        stampNs = _lastNs;
        if (FailReads)
        {
            return false;
        }

        _position.CopyTo(position);
        _velocity.CopyTo(velocity);
        return true;
    }

    public void WritePosition(ReadOnlySpan<double> position, ReadOnlySpan<double> velocity)
    {
        if (FailWritesWith is { } error)
        {
            throw error;
        }

        Advance();
        if (!TorqueEnabled)
        {
            _position.CopyTo(_goal, 0);
            TorqueEnabled = true;
        }

        position.CopyTo(_goal);
        Writes++;
    }

    public void DisableTorque()
    {
        Advance();
        TorqueEnabled = false;
        Array.Clear(_velocity);
    }

    public void Dispose()
    {
    }

    private void Advance()
    {
        var now = Time.RosTime.NowNanoseconds(time);
        var dt = Math.Max(0, now - _lastNs) / 1e9;
        _lastNs = now;
        for (var i = 0; TorqueEnabled && i < _position.Length; i++)
        {
            var step = Math.Clamp(_goal[i] - _position[i], -MaxSpeed * dt, MaxSpeed * dt);
            _velocity[i] = dt > 0 ? step / dt : 0;
            _position[i] += step;
        }
    }
}
