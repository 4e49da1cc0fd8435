using Robotics.Drivers.Channels;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Feetech;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Emulator;

public sealed class FeetechBusContractTests : ServoBusContractTests
{
    public FeetechBusContractTests()
        : base(EmulatedProtocol.FeetechSts)
    {
    }

    protected override ushort ModelNumber => StsControlTable.Sts3215ModelNumber;

    protected override ServoRegister TorqueEnable => StsControlTable.TorqueEnable;

    protected override byte ReadInstruction => (byte)FeetechInstruction.Read;

    protected override byte WriteInstruction => (byte)FeetechInstruction.Write;

    protected override byte SyncReadInstruction => (byte)FeetechInstruction.SyncRead;

    protected override byte SyncWriteInstruction => (byte)FeetechInstruction.SyncWrite;

    protected override EmulatedServo CreateServo(byte id, double positionTicks) => EmulatedServo.Sts3215(id, positionTicks);

    protected override IServoBus CreateBus(IByteChannel channel, ServoBusOptions options) => new FeetechBus(channel, options);
}
