using System.Buffers.Binary;
using Robotics.Drivers.Channels;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Feetech;

/// <summary>
/// A Feetech STS bus (STS3215) over a byte channel: the shared <see cref="IServoBus"/> operations with one-byte
/// addresses, 2-byte sign-magnitude positions, and identification by reading the model number after a ping (a Feetech
/// ping reply carries no parameters).
/// </summary>
public sealed class FeetechBus : ServoBus
{
    public FeetechBus(IByteChannel channel, ServoBusOptions? options = null, TimeProvider? time = null)
        : base(channel, new FeetechFraming(), options, time)
    {
    }

    protected override ServoRegister PresentPositionRegister => StsControlTable.PresentPosition;

    protected override ServoRegister GoalPositionRegister => StsControlTable.GoalPosition;

    /// <summary>Reads firmware version and model number (addresses 0..4 in one read).</summary>
    public ServoReply Identify(byte id, out ushort modelNumber, out byte firmwareMajor, out byte firmwareMinor)
    {
        Span<byte> bytes = stackalloc byte[5];
        var reply = Read(id, StsControlTable.FirmwareMajorVersion.Address, bytes);
        modelNumber = reply.IsOk ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[3..]) : (ushort)0;
        firmwareMajor = reply.IsOk ? bytes[0] : (byte)0;
        firmwareMinor = reply.IsOk ? bytes[1] : (byte)0;
        return reply;
    }

    private protected override ServoScanResult? TryIdentify(byte id)
    {
        if (!PingCore(id, retries: 0, Span<byte>.Empty).IsOk)
        {
            return null;
        }

        // It answered the ping, so it is there: identifying it may use the normal read retry.
        var reply = Identify(id, out var model, out var major, out var minor);
        return reply.IsOk ? new ServoScanResult(id, model, major, minor) : new ServoScanResult(id, 0, 0, 0);
    }
}
