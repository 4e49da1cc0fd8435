namespace Robotics.Safety;

/// <summary>Why a tick's output differs from what was asked, as bits (SAFETY.md B10, I33): recorded every tick.</summary>
[Flags]
public enum SafetyReason : ulong
{
    None = 0,

    // Request rejected (A1–A3).
    NonFinite = 1 << 0,
    WrongShape = 1 << 1,
    StaleObservation = 1 << 2,
    FutureStamp = 1 << 3,
    SequenceNotIncreasing = 1 << 4,
    UnauthorizedSource = 1 << 5,

    /// <summary>C12: the request's tool step exceeded a Reject-mode cap; dropped and counted like a deadline miss.</summary>
    ToolStepRejected = 1 << 6,

    // Limited (B6–C13).
    PositionLimited = 1 << 8,
    VelocityLimited = 1 << 9,
    BrakingEnvelope = 1 << 10,
    AccelerationLimited = 1 << 11,
    JerkLimited = 1 << 12,
    StepCapped = 1 << 13,
    ResidualCapped = 1 << 14,
    ResidualDropped = 1 << 15,
    InwardOnly = 1 << 16,

    /// <summary>Acceleration or jerk gave way because position, velocity or step limits left no other choice.</summary>
    RateLimitYielded = 1 << 17,

    /// <summary>C11: the requested target's tool point lies outside the workspace box; the joints keep their last command.</summary>
    WorkspaceLimited = 1 << 18,

    /// <summary>C12: the joint delta was scaled down so the tool point moves at most the source's cap.</summary>
    ToolStepCapped = 1 << 19,

    // Watchdogs and stops (D, E).
    CommandTimeout = 1 << 20,
    SensorStale = 1 << 21,
    SensorLost = 1 << 22,
    PolicyDeadline = 1 << 23,
    Overrun = 1 << 24,
    OutsideHardLimits = 1 << 25,
    HoldDrift = 1 << 26,
    StopRequested = 1 << 27,
    NoActiveSource = 1 << 28,
    Intervention = 1 << 29,

    /// <summary>B7: a measured effort beyond MaxEffort (or unreadable): protective stop before the servo trips (H32).</summary>
    EffortLimit = 1 << 30,

    /// <summary>C11: the limited command would put the tool point outside the workspace: protective stop.</summary>
    WorkspaceViolation = 1UL << 31,

    /// <summary>B10: one source's commands were limited on every tick for longer than SaturationToHold: protective stop.</summary>
    SustainedSaturation = 1UL << 32,

    /// <summary>D15: a stop overran its time budget or left its trajectory, and went up one category.</summary>
    StopEscalated = 1UL << 33,
}
