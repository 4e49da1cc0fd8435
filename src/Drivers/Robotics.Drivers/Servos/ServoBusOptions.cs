namespace Robotics.Drivers.Servos;

/// <summary>
/// How a bus times its transactions. Immutable; every property is checked when set, so an invalid value never reaches
/// a bus (CONVENTIONS 10). The reply deadline of a transaction is
/// <c>wire time of request and replies (10 bits per byte) + replies × ReturnDelay + HostLatency</c>.
/// </summary>
public sealed record ServoBusOptions
{
    private readonly TimeSpan _returnDelay = TimeSpan.FromMicroseconds(500);
    private readonly TimeSpan _hostLatency = TimeSpan.FromMilliseconds(2);
    private readonly int _readRetries = 1;

    /// <summary>
    /// The servos' Return Delay Time. Default 500 µs: the factory value 250 × 2 µs of both the Dynamixel X series
    /// (register 9) and the Feetech STS series (register 7, LeRobot's configure_motors comment). Verify it at connect
    /// (SAFETY 32) and set it here; LeRobot lowers it to 0 for speed. At most 1 s.
    /// </summary>
    public TimeSpan ReturnDelay
    {
        get => _returnDelay;
        init => _returnDelay = value >= TimeSpan.Zero && value <= TimeSpan.FromSeconds(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ReturnDelay), value, "return delay must be within 0 .. 1 s");
    }

    /// <summary>
    /// Everything between the wire and this process: USB latency timer, driver, scheduling. Default 2 ms: the FTDI
    /// latency timer set to 1 ms (SAFETY 32; the FTDI default of 16 ms would need 17 ms here) plus 1 ms for the
    /// kernel and thread wake-up. Must be positive and at most 10 s.
    /// </summary>
    public TimeSpan HostLatency
    {
        get => _hostLatency;
        init => _hostLatency = value > TimeSpan.Zero && value <= TimeSpan.FromSeconds(10)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(HostLatency), value, "host latency must be within (0, 10 s]");
    }

    /// <summary>
    /// Extra attempts for a failed read (ping, read, sync read of the failed ids): 0 or 1. SAFETY 31 allows one retry
    /// within the tick for reads; writes, goal writes above all, are never retried (a late goal is worse than none).
    /// </summary>
    public int ReadRetries
    {
        get => _readRetries;
        init => _readRetries = value is 0 or 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ReadRetries), value, "read retries must be 0 or 1 (SAFETY 31)");
    }

    /// <summary>
    /// Whether servos answer writes with a status packet: Dynamixel Status Return Level 2 (factory default) or
    /// Feetech response level 1 (factory default). False for Dynamixel level 0/1 or Feetech level 0: writes then
    /// return unacknowledged instead of waiting for a reply that never comes.
    /// </summary>
    public bool WritesAcknowledged { get; init; } = true;
}
