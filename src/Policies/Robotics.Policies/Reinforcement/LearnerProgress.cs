namespace Robotics.Policies.Reinforcement;

/// <summary>
/// How far a residual learner has come, kept in its checkpoint so a restarted learner continues the counts:
/// learner steps (each <see cref="ResidualTd3Options.UpdatesPerStep"/> critic updates), the last weights version it
/// published (versions must keep increasing across restarts: actors refuse anything else) and the transitions it
/// took in.
/// </summary>
public sealed record LearnerProgress(long Steps, ulong Version, long TransitionsReceived);
