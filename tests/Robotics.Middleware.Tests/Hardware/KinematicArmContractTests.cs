using Robotics.Middleware.Time;
using Robotics.Middleware.Hardware;

namespace Robotics.Middleware.Tests.Hardware;

/// <summary>The in-memory arm against the hardware contract, on fake time.</summary>
public sealed class KinematicArmContractTests : HardwareComponentContractTests
{
    private readonly ManualTimeProvider _time = new();

    protected override IHardwareComponent Create() => new KinematicArm(Joints, _time);

    protected override void Advance(IHardwareComponent arm, TimeSpan duration) => _time.Advance(duration);

    protected override void MoveByHand(IHardwareComponent arm, int joint, double position) => ((KinematicArm)arm).Push(joint, position);
}
