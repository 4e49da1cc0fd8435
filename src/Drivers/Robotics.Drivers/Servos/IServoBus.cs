namespace Robotics.Drivers.Servos;

/// <summary>
/// A half-duplex servo bus (Dynamixel Protocol 2.0 or Feetech STS) over an <see cref="Channels.IByteChannel"/>:
/// one transaction at a time, each a written instruction packet and the status packets it asks for, with a deadline
/// derived from the baud rate, the return delay and the host latency (<see cref="ServoBusOptions"/>).
/// Communication failures come back as <see cref="ServoReply"/> values and are counted in <see cref="Statistics"/>;
/// invalid arguments (an id above 252, spans of the wrong length) throw <see cref="ArgumentException"/> naming them.
/// Reads are retried at most once (<see cref="ServoBusOptions.ReadRetries"/>); writes never (SAFETY 31).
/// Not thread-safe: one owner, the control loop.
/// </summary>
public interface IServoBus
{
    /// <summary>For messages: "Dynamixel 2.0", "Feetech STS".</summary>
    string ProtocolName { get; }

    /// <summary>Counters since creation.</summary>
    ServoBusStatistics Statistics { get; }

    /// <summary>Pings one servo (0..252).</summary>
    ServoReply Ping(byte id);

    /// <summary>
    /// Pings every id from <paramref name="firstId"/> to <paramref name="lastId"/> (at most 0..252) one at a time and
    /// returns those that answered, with their model number and firmware version. Not for the control loop: an absent
    /// id costs a full reply deadline.
    /// </summary>
    IReadOnlyList<ServoScanResult> Scan(byte firstId = 0, byte lastId = 252);

    /// <summary>Reads <paramref name="destination"/>.Length bytes from <paramref name="address"/> of one servo.</summary>
    ServoReply Read(byte id, ushort address, Span<byte> destination);

    /// <summary>Writes <paramref name="data"/> at <paramref name="address"/> of one servo (0xFE: broadcast, no reply). Never retried.</summary>
    ServoReply Write(byte id, ushort address, ReadOnlySpan<byte> data);

    /// <summary>Reads and decodes one register.</summary>
    ServoReply ReadRegister(byte id, ServoRegister item, out long value);

    /// <summary>Encodes and writes one register (the value must fit the register). Never retried.</summary>
    ServoReply WriteRegister(byte id, ServoRegister item, long value);

    /// <summary>
    /// Reads the same <paramref name="length"/> bytes at <paramref name="address"/> from each of <paramref name="ids"/>
    /// (distinct, 0..252) in one sync read. Servo i's bytes land in <paramref name="destination"/>[i*length ..] and
    /// its outcome in <paramref name="replies"/>[i]; returns how many succeeded. Failed ids are read again once.
    /// </summary>
    int SyncRead(ushort address, int length, ReadOnlySpan<byte> ids, Span<byte> destination, Span<ServoReply> replies);

    /// <summary>
    /// Writes the same <paramref name="length"/> bytes at <paramref name="address"/> of each of <paramref name="ids"/>
    /// in one broadcast packet (servo i's bytes at <paramref name="data"/>[i*length ..]). No reply, never retried.
    /// </summary>
    void SyncWrite(ushort address, int length, ReadOnlySpan<byte> ids, ReadOnlySpan<byte> data);

    /// <summary>Sync-reads the present position of <paramref name="ids"/> in raw ticks (4096 per revolution).</summary>
    int SyncReadPresentPositions(ReadOnlySpan<byte> ids, Span<int> ticks, Span<ServoReply> replies);

    /// <summary>Sync-writes the goal position of <paramref name="ids"/> in raw ticks. No reply, never retried.</summary>
    void SyncWriteGoalPositions(ReadOnlySpan<byte> ids, ReadOnlySpan<int> ticks);
}
