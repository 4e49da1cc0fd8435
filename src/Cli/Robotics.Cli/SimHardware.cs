using Robotics.Middleware.Parameters;
using Robotics.Nodes;
using Robotics.Nodes.Safety;
using Robotics.Sim.MuJoCo.Nodes;
using Robotics.Sim.MuJoCo.Robot;
using Robotics.Sim.MuJoCo.Runtime;

namespace Robotics.Cli;

/// <summary>
/// <c>hardware:=mujoco</c>: the supervisor drives a simulated arm of a task (<c>task</c> parameter) exactly as it
/// drives servos; the world is shared by name with <c>sim_episodes</c> in the same process.
/// </summary>
internal static class SimHardware
{
    public static void Register() =>
        NodeCatalog.Register("sim_episodes", "runs episodes of the simulated task: expert → cmd/request, episode/events, episode/reward, /clock", (c, o, n) => new SimEpisodeNode(c, n ?? "sim_episodes", o));

    public static SimulatedServoArm Create(SupervisorNode node, IReadOnlyList<string> joints)
    {
        var read = new ParameterDescriptor { ReadOnly = true };
        var taskName = node.Parameters.Declare("task", "reach", read with { Description = $"simulated task: {string.Join(", ", EpisodeTasks.Names)}" });
        var worldName = node.Parameters.Declare("sim_world", "default", read with { Description = "name sim_episodes finds this world by" });
        var seed = (int)node.Parameters.Declare("seed", 0L, read with { Description = "servo read-noise seed" });
        var ideal = node.Parameters.Declare("ideal_servos", false, read with { Description = "no encoder steps, latency or noise" });
        var task = EpisodeTasks.Create(taskName);
        if (!task.JointNames.SequenceEqual(joints))
        {
            task.Dispose();
            throw new ArgumentException($"task '{taskName}' drives joints {string.Join(", ", task.JointNames)}; set the supervisor's joints parameter to exactly these (it has {string.Join(", ", joints)})");
        }

        var world = new SimWorld(worldName, task, node.Clock, StepMode.RealTime, ideal ? ServoModel.Ideal : null, seed);
        return world.Arm;
    }
}
