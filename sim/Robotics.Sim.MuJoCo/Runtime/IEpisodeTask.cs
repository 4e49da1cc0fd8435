namespace Robotics.Sim.MuJoCo.Runtime;

/// <summary>
/// What the graph runtime (the supervisor's simulated arm, <c>sim_episodes</c>) needs of a task: a model, a state that
/// mirrors the live world (the runtime copies the live state into it each control period, so judging and the
/// privileged expert never touch the data the control loop steps), an episode start that places the scene in the
/// live world without moving the robot (it is under the supervisor and walks back by itself), a physical evaluation
/// and the scripted expert.
/// </summary>
public interface IEpisodeTask : IDisposable
{
    string Name { get; }

    MjModel Model { get; }

    /// <summary>The mirror of the live world that <see cref="Evaluate"/> and <see cref="Act"/> read.</summary>
    MjData State { get; }

    /// <summary>Actuated joints in hardware order (the supervisor's joints).</summary>
    IReadOnlyList<string> JointNames { get; }

    /// <summary>Rate at which the scripted expert (or a policy) commands, Hz.</summary>
    double ControlRateHz { get; }

    /// <summary>An episode that has not succeeded by then is a failure (a time limit: truncated, not terminal).</summary>
    TimeSpan TimeLimit { get; }

    /// <summary>
    /// Starts episode <paramref name="seed"/>: draws the scene and places objects and goals in <paramref name="live"/>.
    /// Called with the world paused: quick (no planning here).
    /// </summary>
    void BeginEpisode(MjData live, int seed);

    /// <summary>Plans the scripted expert's episode (inverse kinematics and the like), with the world running.</summary>
    void PrepareExpert(int seed);

    /// <summary>Success, ground-truth progress and stage of <see cref="State"/>, from physics only.</summary>
    TaskProgress Evaluate();

    /// <summary>The robot's joint positions in <see cref="State"/>, in <see cref="JointNames"/> order.</summary>
    void ReadJointPositions(Span<double> positions);

    /// <summary>Names of the task's environment state (object and goal positions), published for policies.</summary>
    IReadOnlyList<string> EnvironmentStateNames { get; }

    /// <summary>The environment state of <see cref="State"/>, in <see cref="EnvironmentStateNames"/> order.</summary>
    void ObserveEnvironment(Span<double> values);

    /// <summary>The scripted expert's joint position targets for <see cref="State"/>.</summary>
    void Act(Span<double> targets);
}

/// <summary>How far an episode got: success, progress in [0, 1], the stage index and name.</summary>
public readonly record struct TaskProgress(bool Success, double Progress, int Stage, string StageName);
