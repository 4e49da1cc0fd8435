namespace Robotics.Drivers.Servos;

/// <summary>
/// The outcome of one servo's part of a transaction: whether its status packet arrived intact and what the device
/// reported. A value, not an exception, so the control loop never pays for a throw (CONVENTIONS 7).
/// </summary>
public readonly record struct ServoReply
{
    /// <summary>The servo asked.</summary>
    public byte Id { get; init; }

    /// <summary>Communication outcome; <see cref="ServoError.None"/> when the status packet was valid.</summary>
    public ServoError Error { get; init; }

    /// <summary>
    /// The raw status field: Dynamixel bit 7 Alert + error number in bits 0-6; Feetech hardware status bits
    /// (voltage 1, angle 2, overheat 4, over-current 8, overload 32). 0 when nothing arrived.
    /// </summary>
    public byte DeviceStatus { get; init; }

    /// <summary>
    /// The device reports a hardware problem (Dynamixel Alert bit: read Hardware Error Status, register 70; any
    /// Feetech status bit). The data is still valid; the supervisor must FAULT and stop (SAFETY 29).
    /// </summary>
    public bool HardwareAlert { get; init; }

    /// <summary>
    /// A status packet confirmed the instruction. False for broadcasts and for writes when the bus was told that the
    /// servos do not answer writes (status return level); such a write succeeded only in the sense that it was sent.
    /// </summary>
    public bool Acknowledged { get; init; }

    /// <summary>The status packet arrived and the device accepted the instruction.</summary>
    public bool IsOk => Error == ServoError.None;

    /// <summary><see cref="IsOk"/> and no hardware alert.</summary>
    public bool IsHealthy => IsOk && !HardwareAlert;

    public static ServoReply Failed(byte id, ServoError error) => new() { Id = id, Error = error };

    public static ServoReply Unacknowledged(byte id) => new() { Id = id };

    /// <summary>Throws <see cref="ServoProtocolException"/> naming the servo and the failure unless <see cref="IsOk"/>.</summary>
    public void ThrowIfFailed()
    {
        if (Error != ServoError.None)
        {
            throw new ServoProtocolException(Error, $"servo {Id}: {Error} (status byte 0x{DeviceStatus:X2})", Id);
        }
    }
}
