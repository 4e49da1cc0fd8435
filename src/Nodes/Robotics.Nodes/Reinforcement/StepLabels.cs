using Robotics.Messages.RoboticsMsgs;

namespace Robotics.Nodes.Reinforcement;

/// <summary>
/// The labels of one step: sparse reward, a true end (success), a cut (time limit, stop), a human in control and their
/// latest teleop/remote request during the step (null: none came, e.g. the arm moved by hand).
/// </summary>
internal readonly record struct StepLabels(float Reward, bool Terminal, bool Truncated, bool Intervention, CommandRequest? HumanCommand)
{
    public bool Ends => Terminal || Truncated;
}
