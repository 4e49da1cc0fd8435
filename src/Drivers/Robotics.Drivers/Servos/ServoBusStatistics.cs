namespace Robotics.Drivers.Servos;

/// <summary>
/// What a bus has seen since it was created (SAFETY 31: count timeouts, CRC/length errors, wrong ids). Every failed
/// servo reply is counted once under its <see cref="ServoError"/> kind, retries included.
/// </summary>
public readonly record struct ServoBusStatistics
{
    /// <summary>Instruction packets written (retries included).</summary>
    public long Transactions { get; init; }

    /// <summary>Expected replies that did not arrive in time.</summary>
    public long Timeouts { get; init; }

    /// <summary>Replies whose CRC/checksum was wrong.</summary>
    public long CrcErrors { get; init; }

    /// <summary>Replies with an impossible length, a wrong parameter count, or cut short (truncated).</summary>
    public long LengthErrors { get; init; }

    /// <summary>Valid status packets from an id that was not asked.</summary>
    public long WrongIds { get; init; }

    /// <summary>Replies with a malformed field (reserved byte, stuffing, not a status packet, babbling bus).</summary>
    public long MalformedPackets { get; init; }

    /// <summary>Instructions the device refused (Dynamixel error number 1..7).</summary>
    public long DeviceRejections { get; init; }

    /// <summary>Status packets carrying a hardware alert (Dynamixel bit 7, any Feetech status bit).</summary>
    public long HardwareAlerts { get; init; }

    /// <summary>Reads sent a second time after a failed reply (at most one per read, SAFETY 31).</summary>
    public long ReadRetries { get; init; }

    /// <summary>
    /// Bus operations in a row (ping, read, write, sync read; after their retry) in which at least one servo failed,
    /// reset by an operation in which every servo answered: the hardware component's HOLD trigger (SAFETY 31).
    /// </summary>
    public long ConsecutiveFailures { get; init; }
}
