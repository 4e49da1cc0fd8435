namespace Robotics.Drivers.Servos;

/// <summary>
/// One decoded packet, pointing into the decoder's buffer: valid only until the next call on that decoder.
/// Dynamixel status packets and Feetech replies carry an error/status byte (<see cref="HasStatusByte"/>); instruction
/// packets carry an instruction instead.
/// </summary>
public readonly ref struct ServoPacketView
{
    public ServoPacketView(byte id, byte instruction, bool hasStatusByte, byte statusByte, ReadOnlySpan<byte> parameters)
    {
        Id = id;
        Instruction = instruction;
        HasStatusByte = hasStatusByte;
        StatusByte = statusByte;
        Parameters = parameters;
    }

    /// <summary>Packet id (0xFE = broadcast).</summary>
    public byte Id { get; }

    /// <summary>Instruction byte (Dynamixel status packets: 0x55; Feetech replies: 0, the format has none).</summary>
    public byte Instruction { get; }

    /// <summary>True for a reply: <see cref="StatusByte"/> is the device's error/status field.</summary>
    public bool HasStatusByte { get; }

    /// <summary>Dynamixel: bit 7 Alert, bits 0-6 error number. Feetech: hardware status bits. 0 for requests.</summary>
    public byte StatusByte { get; }

    /// <summary>Parameters after the instruction (and status byte), with Dynamixel byte stuffing already removed.</summary>
    public ReadOnlySpan<byte> Parameters { get; }
}
