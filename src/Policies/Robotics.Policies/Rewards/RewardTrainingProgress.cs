namespace Robotics.Policies.Rewards;

/// <summary>
/// One point of the reward model's learning curve: running training loss (stage CE + τ MSE + success BCE, smoothed
/// over ~50 steps), the same loss on every frame of the held-out episodes (NaN when none are held out), and the
/// pairwise head's running MSE (NaN when it is off).
/// </summary>
public readonly record struct RewardTrainingProgress(int Step, int Steps, double TrainLoss, double ValidationLoss, double PairwiseLoss);
