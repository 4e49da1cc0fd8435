namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>A stage reached for the first time this episode, at simulation time <see cref="TimeSeconds"/> (control step <see cref="ControlStep"/>).</summary>
public sealed record StageEvent(TaskStage Stage, double TimeSeconds, int ControlStep)
{
    public override string ToString() => $"{Stage} at {TimeSeconds:F3} s (step {ControlStep})";
}
