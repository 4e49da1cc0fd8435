using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Runtime;

/// <summary>
/// A benchmark <see cref="SimTask"/> and its scripted expert in the graph runtime: the task's own data is the mirror
/// of the live world; an episode start resets the task (randomization, scene) and copies the scene — every joint
/// that is not the robot's, and the mocap bodies — into the live world.
/// </summary>
public sealed class SimTaskEpisode : IEpisodeTask
{
    private readonly SimTask _task;
    private readonly ScriptedExpert _expert;
    private readonly bool[] _robotQpos;
    private readonly bool[] _robotDof;

    public SimTaskEpisode(string name, SimTask task, ScriptedExpert expert)
    {
        ArgumentNullException.ThrowIfNull(task);
        (Name, _task, _expert) = (name, task, expert);
        _robotQpos = new bool[task.Model.Nq];
        _robotDof = new bool[task.Model.Nv];
        var qposAdr = task.Model.Ints("jnt_qposadr");
        var dofAdr = task.Model.Ints("jnt_dofadr");
        foreach (var joint in task.JointNames)
        {
            var id = task.Model.Id(MjObjectType.Joint, joint);
            (_robotQpos[qposAdr[id]], _robotDof[dofAdr[id]]) = (true, true);
        }
    }

    public string Name { get; }

    public MjModel Model => _task.Model;

    public MjData State => _task.Data;

    public IReadOnlyList<string> JointNames => _task.JointNames;

    public double ControlRateHz => _task.ControlRateHz;

    public IReadOnlyList<string> EnvironmentStateNames => _task.TaskObservationNames;

    public void ObserveEnvironment(Span<double> values) => _task.ObserveTask(values);

    public TimeSpan TimeLimit => TimeSpan.FromSeconds(_task.MaxControlSteps / _task.ControlRateHz);

    public void BeginEpisode(MjData live, int seed)
    {
        ArgumentNullException.ThrowIfNull(live);

        // The expert plans from where the robot really is: reset the task, then put the live robot into it.
        _task.Reset(seed);
        var (state, world) = (_task.Data, live);
        for (var i = 0; i < _robotQpos.Length; i++)
        {
            if (_robotQpos[i])
            {
                state.Qpos[i] = world.Qpos[i];
            }
            else
            {
                world.Qpos[i] = state.Qpos[i];
            }
        }

        for (var i = 0; i < _robotDof.Length; i++)
        {
            if (!_robotDof[i])
            {
                world.Qvel[i] = state.Qvel[i];
            }
        }

        if (state.Doubles("mocap_pos").Length > 0)
        {
            state.Doubles("mocap_pos").CopyTo(world.Doubles("mocap_pos"));
            state.Doubles("mocap_quat").CopyTo(world.Doubles("mocap_quat"));
        }

        state.Forward();
    }

    public void PrepareExpert(int seed) => _expert.Reset(seed);

    public TaskProgress Evaluate()
    {
        var evaluation = _task.Remeasure();
        return new TaskProgress(evaluation.Success, evaluation.Progress, (int)evaluation.Stage, evaluation.Stage.ToString().ToLowerInvariant());
    }

    public void ReadJointPositions(Span<double> positions) => _task.ReadJointPositions(positions);

    public void Act(Span<double> targets) => _expert.Act(targets);

    public void Dispose()
    {
        (_expert as IDisposable)?.Dispose();
        _task.Dispose();
    }
}
