using System.Buffers;

namespace Robotics.Drivers.Emulator;

/// <summary>Collects the status packets one request produces, spoiling them as each servo's injected reply fault says.</summary>
internal sealed class ReplySink
{
    private readonly ArrayBufferWriter<byte> _output = new();
    private readonly byte[] _packet = new byte[4096];

    public int Count => _output.WrittenCount;

    /// <summary>Takes everything written so far.</summary>
    public byte[] Drain()
    {
        var bytes = _output.WrittenSpan.ToArray();
        _output.Clear();
        return bytes;
    }

    /// <summary>Sends one status packet from <paramref name="servo"/> with its current id (caller holds its gate).</summary>
    public void Emit(EmulatedServo servo, byte status, ReadOnlySpan<byte> parameters) =>
        Emit(servo, (byte)servo.Read(servo.Behavior.IdRegister), status, parameters);

    /// <summary>
    /// Sends one status packet from <paramref name="servo"/> carrying <paramref name="id"/>: the id the instruction was
    /// addressed to, so that a write changing the id is still answered under the id the host asked (as the SDK expects).
    /// </summary>
    public void Emit(EmulatedServo servo, byte id, byte status, ReadOnlySpan<byte> parameters)
    {
        var fault = servo.TakeReplyFault();
        if (fault == ReplyFault.NoReply)
        {
            return;
        }

        if (fault == ReplyFault.WrongId)
        {
            id = (byte)((id + 128) % 253); // a valid id that is not this servo's (0..252)
        }

        var length = servo.Behavior.EncodeStatus(_packet, id, status, parameters);
        switch (fault)
        {
            case ReplyFault.BadChecksum:
                _packet[length - 1] ^= 0xFF;
                break;
            case ReplyFault.Truncated:
                length /= 2;
                break;
        }

        _output.Write(_packet.AsSpan(0, length));
    }
}
