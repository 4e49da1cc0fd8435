namespace Robotics.Sim.MuJoCo.Robot;

/// <summary>How simulation time advances relative to the clock the control loop runs on.</summary>
public enum StepMode
{
    /// <summary>Physics catches up with the loop's clock at every read: sim time runs as fast as the wall clock.</summary>
    RealTime,

    /// <summary>Physics advances only when asked (<see cref="SimulatedServoArm.Advance"/>): training, tests, faster than real time.</summary>
    Lockstep,
}
