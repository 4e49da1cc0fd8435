namespace Robotics.Safety;

/// <summary>
/// C12: the largest tool-point move (m) one request of <paramref name="Source"/> may ask for, measured from the last
/// command to the new target through the workspace's kinematic chain (LeRobot <c>max_ee_step_m</c>, 0.05 m).
/// </summary>
public sealed record ToolStepCap(CommandSource Source, double MaxStepM, ToolStepMode Mode = ToolStepMode.Limit);
