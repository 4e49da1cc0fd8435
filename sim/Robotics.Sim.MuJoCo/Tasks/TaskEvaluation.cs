namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// Ground truth after a control step: whether the task's physical success test holds now, progress in [0, 1] (1 on
/// success) and the latest stage reached this episode.
/// </summary>
public readonly record struct TaskEvaluation(bool Success, double Progress, TaskStage Stage);
