using Robotics.Drivers.Channels;
using Robotics.Drivers.Emulator;

namespace Robotics.Drivers.Tests.Emulator;

/// <summary>An emulator serving one end of an in-memory channel pair; the test's bus uses <see cref="Channel"/>.</summary>
internal sealed class BusTestRig : IDisposable
{
    private readonly IByteChannel _servoEnd;
    private readonly EmulatorAttachment _attachment;

    public BusTestRig(EmulatedProtocol protocol, params EmulatedServo[] servos)
    {
        (Channel, _servoEnd) = InMemoryChannelPair.Create(1_000_000, protocol.ToString());
        Emulator = new ServoBusEmulator(protocol, servos);
        _attachment = Emulator.Attach(_servoEnd);
    }

    public IByteChannel Channel { get; }

    public ServoBusEmulator Emulator { get; }

    public void Dispose()
    {
        _attachment.Dispose();
        Channel.Dispose();
        _servoEnd.Dispose();
    }
}
