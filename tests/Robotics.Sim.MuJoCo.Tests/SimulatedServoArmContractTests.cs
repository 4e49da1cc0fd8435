using Robotics.Middleware.Hardware;
using Robotics.Middleware.Tests.Hardware;
using Robotics.Middleware.Time;
using Robotics.Sim.MuJoCo.Robot;

namespace Robotics.Sim.MuJoCo.Tests;

/// <summary>The MuJoCo arm against the hardware contract, physics in lockstep with fake time.</summary>
public sealed class SimulatedServoArmContractTests : HardwareComponentContractTests, IDisposable
{
    private readonly MjModel _model = MjModel.Load(Path.Combine(AppContext.BaseDirectory, "data", "two_joint_arm.xml"));
    private readonly ManualTimeProvider _time = new();
    private MjData? _data;

    // One encoder step plus the steady-state error of a damped position servo.
    protected override double Tolerance => 0.01;

    public void Dispose()
    {
        _data?.Dispose();
        _model.Dispose();
    }

    protected override IHardwareComponent Create()
    {
        _data = _model.CreateData();
        return new SimulatedServoArm(_data, Joints, _time, StepMode.Lockstep, seed: 1);
    }

    protected override void Advance(IHardwareComponent arm, TimeSpan duration)
    {
        _time.Advance(duration);
        ((SimulatedServoArm)arm).Advance(duration);
    }

    protected override void MoveByHand(IHardwareComponent arm, int joint, double position)
    {
        var sim = (SimulatedServoArm)arm;
        sim.Data.Qpos[joint] = position;
        sim.Data.Qvel[joint] = 0;
        sim.Data.Forward();
    }
}
