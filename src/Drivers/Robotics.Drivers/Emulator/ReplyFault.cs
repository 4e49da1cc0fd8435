namespace Robotics.Drivers.Emulator;

/// <summary>How an emulated servo spoils its next replies (<see cref="EmulatedServo.InjectReplyFault"/>).</summary>
public enum ReplyFault
{
    None = 0,

    /// <summary>The last byte (CRC high byte or checksum) is inverted.</summary>
    BadChecksum,

    /// <summary>Only the first half of the packet is sent, then nothing.</summary>
    Truncated,

    /// <summary>A well-formed reply carrying id (id + 128) mod 253 instead of its own.</summary>
    WrongId,

    /// <summary>Nothing is sent.</summary>
    NoReply,
}
