namespace Robotics.Middleware.Hardware;

/// <summary>
/// A position-controlled arm as the control loop sees it (ros2_control's hardware interface, reduced): read the
/// measured state, write goals, switch torque off. Implemented by the servo bus driver, the MuJoCo simulation and
/// the in-memory <see cref="KinematicArm"/>. Only the control loop holds one, behind the safety supervisor
/// (ARCHITECTURE.md: the supervisor is the only writer). Called from the loop thread only.
/// </summary>
public interface IHardwareComponent : IDisposable
{
    /// <summary>Joint names in the order of every span passed to <see cref="Read"/> and <see cref="WritePosition"/>.</summary>
    IReadOnlyList<string> JointNames { get; }

    /// <summary>
    /// Reads positions (rad) and velocities (rad/s) and the time they were captured (ns on the loop's clock).
    /// False when this read failed (timeout, bad packet): the spans are then unchanged and the stamp is old.
    /// </summary>
    bool Read(Span<double> position, Span<double> velocity, out long stampNs);

    /// <summary>
    /// Sends goal positions with torque on. If torque is off, the component first makes the goal equal to the present
    /// position, then enables torque (SAFETY.md I34: no jump at enable).
    /// </summary>
    void WritePosition(ReadOnlySpan<double> position, ReadOnlySpan<double> velocity);

    /// <summary>Switches torque off (category 0 stop, DISABLED); the arm goes limp. Cheap when already off.</summary>
    void DisableTorque();

    /// <summary>
    /// A device-reported problem the supervisor must latch as FAULT (a servo's alert: overload, overheating, voltage,
    /// its own torque shutdown — SAFETY.md H29–H30); null while healthy. Cleared by the component when the operator
    /// resets and the device is healthy again.
    /// </summary>
    string? Fault { get; }

    /// <summary>
    /// The effort each joint exerts (N·m, N for slides) as of the last <see cref="Read"/>, for the supervisor's effort
    /// limit (SAFETY.md B7). False when this hardware does not measure it every cycle (the servo bus reads load
    /// round-robin for derating instead: H32).
    /// </summary>
    bool ReadEffort(Span<double> effort) => false;

    /// <summary>
    /// A condition to act on before it becomes a <see cref="Fault"/>: a servo running hot, a sagging supply, failing
    /// reads (SAFETY.md H31–H32); null while none. For diagnostics only: the supervisor does not stop on it.
    /// </summary>
    string? Warning => null;
}
