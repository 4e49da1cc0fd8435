namespace Robotics.Drivers.Feetech;

/// <summary>
/// Which way a Feetech packet travels. The two share one format (FF FF id length byte params checksum); only the
/// direction says whether the byte after the length is an instruction or a status byte.
/// </summary>
public enum FeetechPacketKind
{
    /// <summary>Servo to host: the byte after the length is the status byte.</summary>
    Reply = 0,

    /// <summary>Host to servo: the byte after the length is the instruction.</summary>
    Request,
}
