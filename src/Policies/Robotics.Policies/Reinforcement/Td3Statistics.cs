namespace Robotics.Policies.Reinforcement;

/// <summary>
/// One learner step: mean critic TD loss over its updates, the actor's objective (mean Q at its own action; NaN while
/// the critics warm up) and how many rows of the last batch were online data (the rest were demonstrations).
/// </summary>
public readonly record struct Td3Statistics(float CriticLoss, float ActorObjective, int OnlineRows);
