namespace Robotics.Drivers.Servos;

/// <summary>
/// What went wrong with one servo packet or transaction (<see cref="None"/> when nothing did). The same kinds are
/// counted by the buses (<see cref="ServoBusStatistics"/>) and carried by <see cref="ServoProtocolException"/>.
/// </summary>
public enum ServoError
{
    /// <summary>The packet or transaction succeeded.</summary>
    None = 0,

    /// <summary>No complete status packet before the deadline (wire time + return delay + host latency).</summary>
    Timeout,

    /// <summary>A packet header arrived but the bytes stopped before its length field said they would.</summary>
    Truncated,

    /// <summary>The CRC-16 (Dynamixel) or the inverted-sum checksum (Feetech) does not match the bytes.</summary>
    BadCrc,

    /// <summary>
    /// The length field is impossible (shorter than the fixed fields, longer than the maximum packet) or the
    /// parameters do not have the size the instruction needs (a read of 4 bytes answered with 2).
    /// </summary>
    BadLength,

    /// <summary>A well-formed status packet from an id that was not asked (or asked twice).</summary>
    WrongId,

    /// <summary>
    /// A field that cannot be valid: reserved byte, id 0xFD/0xFF, byte stuffing broken, a packet that is not a status
    /// packet where one was expected, or more garbage than a reply could hold.
    /// </summary>
    Malformed,

    /// <summary>The device answered but refused the instruction (Dynamixel error number 1..7 in the status packet).</summary>
    DeviceRejected,
}
