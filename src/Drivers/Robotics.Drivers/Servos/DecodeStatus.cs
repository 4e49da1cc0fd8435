namespace Robotics.Drivers.Servos;

/// <summary>What one step of a streaming packet decoder produced.</summary>
public enum DecodeStatus
{
    /// <summary>No complete packet is buffered yet (garbage before a possible header has been dropped).</summary>
    NeedMoreData = 0,

    /// <summary>A packet passed every check and is available until the next decoder call.</summary>
    Packet,

    /// <summary>
    /// A candidate packet failed a check (see <see cref="ServoPacketDecoder.LastRejection"/>); one byte was dropped
    /// so the next header can be found, as the Dynamixel SDK does when it resynchronises.
    /// </summary>
    Rejected,
}
