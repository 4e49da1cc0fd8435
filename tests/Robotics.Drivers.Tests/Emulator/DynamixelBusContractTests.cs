using Robotics.Drivers.Channels;
using Robotics.Drivers.Dynamixel;
using Robotics.Drivers.Emulator;
using Robotics.Drivers.Servos;

namespace Robotics.Drivers.Tests.Emulator;

public sealed class DynamixelBusContractTests : ServoBusContractTests
{
    public DynamixelBusContractTests()
        : base(EmulatedProtocol.Dynamixel2)
    {
    }

    protected override ushort ModelNumber => DynamixelModel.XL330M288.ModelNumber;

    protected override ServoRegister TorqueEnable => XSeriesControlTable.TorqueEnable;

    protected override byte ReadInstruction => (byte)DynamixelInstruction.Read;

    protected override byte WriteInstruction => (byte)DynamixelInstruction.Write;

    protected override byte SyncReadInstruction => (byte)DynamixelInstruction.SyncRead;

    protected override byte SyncWriteInstruction => (byte)DynamixelInstruction.SyncWrite;

    protected override EmulatedServo CreateServo(byte id, double positionTicks) =>
        EmulatedServo.Dynamixel(id, DynamixelModel.XL330M288, positionTicks: positionTicks);

    protected override IServoBus CreateBus(IByteChannel channel, ServoBusOptions options) => new DynamixelBus(channel, options);
}
