namespace Robotics.Safety;

/// <summary>The latched state machine (SAFETY.md F23).</summary>
public enum SupervisorState
{
    /// <summary>Torque off; boots here.</summary>
    Disabled,

    /// <summary>Torque on, holding where the arm was when armed; no source moves it.</summary>
    Armed,

    /// <summary>The active source's commands pass the gate.</summary>
    Running,

    /// <summary>A controlled stop (category 1 or 2) is decelerating every joint.</summary>
    Stopping,

    /// <summary>Stopped, holding with torque on; latched until RESET.</summary>
    Hold,

    /// <summary>Stopped after a latched fault; latched until RESET.</summary>
    Fault,

    /// <summary>Stopped after an emergency stop; latched until RESET.</summary>
    EStop,
}

/// <summary>Who asks (SAFETY.md F24): anyone may stop; only the operator arms, resets, starts and disables.</summary>
public enum Principal
{
    Operator,
    Teleop,
    Policy,
    Residual,
    Reward,
    Monitor,
    Remote,
}

/// <summary>IEC 60204-1 stop categories (SAFETY.md D14).</summary>
public enum StopCategory
{
    /// <summary>Torque off now.</summary>
    Cat0 = 0,

    /// <summary>Decelerate, then torque off.</summary>
    Cat1 = 1,

    /// <summary>Decelerate, then hold with torque on (hobby servos have no brakes: the default).</summary>
    Cat2 = 2,
}

/// <summary>What the hardware is told this tick.</summary>
public enum OutputMode
{
    /// <summary>Torque off (DISABLED, category 0, the end of a category 1 stop).</summary>
    TorqueOff,

    /// <summary>Holding a fixed position with torque on.</summary>
    Hold,

    /// <summary>Decelerating toward standstill (a stop in progress).</summary>
    Stopping,

    /// <summary>Tracking the active source's (limited) command.</summary>
    Track,
}

/// <summary>Motion sources in priority order, highest first (SAFETY.md G26).</summary>
public enum CommandSource
{
    Teleop = 0,
    Remote = 1,
    Policy = 2,
    Scripted = 3,
}
