namespace Robotics.Drivers.Feetech;

/// <summary>Operating Mode (register 33) of the STS series (LeRobot feetech.py OperatingMode).</summary>
public enum FeetechOperatingMode : byte
{
    /// <summary>Position servo: Goal Position within the position limits.</summary>
    Position = 0,

    /// <summary>Constant speed from Goal Speed (sign in bit 15).</summary>
    Velocity = 1,

    /// <summary>Open-loop PWM from Goal Time (sign in bit 11).</summary>
    Pwm = 2,

    /// <summary>Step servo: Goal Position is a relative step count (sign in bit 15).</summary>
    Step = 3,
}
