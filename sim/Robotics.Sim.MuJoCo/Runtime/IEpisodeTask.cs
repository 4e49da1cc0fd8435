namespace Robotics.Sim.MuJoCo.Runtime;

/// <summary>
/// What the simulated-robot runtime needs of a task: its model and robot joints, an episode reset that moves only
/// objects and goals (the robot is under the supervisor and walks back by itself), a physical evaluation, and the
/// privileged scripted expert. Evaluation and the expert run on a scratch copy of the live state
/// (<see cref="Robot.SimulatedServoArm.CopyStateTo"/>), never on the data the control loop steps.
/// </summary>
public interface IEpisodeTask
{
    string Name { get; }

    /// <summary>Actuated joints in hardware order (the supervisor's joints).</summary>
    IReadOnlyList<string> JointNames { get; }

    /// <summary>Rate at which the scripted expert (or a policy) commands, Hz.</summary>
    double ControlRateHz { get; }

    /// <summary>An episode that has not succeeded by then is a failure (a time limit: truncated, not terminal).</summary>
    TimeSpan TimeLimit { get; }

    /// <summary>Starts an episode on the live world: objects and goals from <paramref name="seed"/>.</summary>
    void BeginEpisode(MjData live, int seed);

    /// <summary>Success, ground-truth progress and stage, from physics only (distances, contacts).</summary>
    TaskProgress Evaluate(MjData world);

    /// <summary>The scripted expert's joint position targets for the current state.</summary>
    void Act(MjData world, Span<double> targets);
}

/// <summary>How far an episode got: success, progress in [0, 1], the stage index and name.</summary>
public readonly record struct TaskProgress(bool Success, double Progress, int Stage, string StageName);
