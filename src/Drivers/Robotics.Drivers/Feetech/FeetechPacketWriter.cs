using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Feetech;

/// <summary>
/// Frames Feetech packets: FF FF, id, length = parameters + 2, instruction (or status byte), parameters, checksum.
/// Writes into a caller's buffer and allocates nothing.
/// </summary>
public static class FeetechPacketWriter
{
    /// <summary>FF FF id length: the bytes before the instruction.</summary>
    public const int PrefixLength = 4;

    /// <summary>Header, id, length, instruction, checksum: a ping is 6 bytes.</summary>
    public const int MinPacketLength = 6;

    /// <summary>The one-byte length field caps the parameters at 253 bytes, the packet at 259.</summary>
    public const int MaxParameters = byte.MaxValue - 2;

    public const int MaxPacketLength = MinPacketLength + MaxParameters;

    /// <summary>Encodes a request to <paramref name="id"/> (0..252, 0xFE broadcast); returns its length.</summary>
    public static int EncodeInstruction(Span<byte> destination, byte id, FeetechInstruction instruction, ReadOnlySpan<byte> parameters)
    {
        ServoIds.Check(id, nameof(id), allowBroadcast: true);
        EnsureRoom(destination, parameters.Length);
        parameters.CopyTo(destination[(PrefixLength + 1)..]);
        return Finish(destination, id, (byte)instruction, parameters.Length);
    }

    /// <summary>Encodes a reply from <paramref name="id"/> (0..252) with <paramref name="status"/> bits.</summary>
    public static int EncodeStatus(Span<byte> destination, byte id, byte status, ReadOnlySpan<byte> parameters)
    {
        ServoIds.Check(id, nameof(id));
        EnsureRoom(destination, parameters.Length);
        parameters.CopyTo(destination[(PrefixLength + 1)..]);
        return Finish(destination, id, status, parameters.Length);
    }

    /// <summary>Completes a packet whose parameters are already at <paramref name="destination"/>[5 ..].</summary>
    internal static int Finish(Span<byte> destination, byte id, byte instructionOrStatus, int parameterCount)
    {
        destination[0] = 0xFF;
        destination[1] = 0xFF;
        destination[2] = id;
        destination[3] = (byte)(parameterCount + 2);
        destination[4] = instructionOrStatus;
        var end = PrefixLength + 1 + parameterCount;
        destination[end] = FeetechChecksum.Compute(destination[2..end]);
        return end + 1;
    }

    internal static void EnsureRoom(Span<byte> destination, int parameterCount)
    {
        if (parameterCount > MaxParameters)
        {
            throw new ArgumentException($"{parameterCount} parameter bytes exceed the {MaxParameters} a one-byte length field allows", nameof(destination));
        }

        if (destination.Length < MinPacketLength + parameterCount)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes; the packet needs {MinPacketLength + parameterCount}", nameof(destination));
        }
    }
}
