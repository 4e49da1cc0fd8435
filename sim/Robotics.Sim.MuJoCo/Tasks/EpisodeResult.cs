namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>How an episode ended: success, final progress, its length, and the stages in the order they were reached.</summary>
public sealed record EpisodeResult(int Seed, bool Success, double Progress, int ControlSteps, double TimeSeconds, IReadOnlyList<StageEvent> Stages);
