using Robotics.Launch;
using Robotics.Middleware;
using Robotics.Nodes.Safety;
using Robotics.Safety;
using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Cli.Learning;

/// <summary>
/// A simulated task whose every action passes through the safety supervisor, in-process and on the simulation's own
/// clock, so training runs as fast as physics while still being gated exactly as on the graph: the same limits file
/// the launch file gives the supervisor node (launch/params/&lt;task&gt;.yaml), one supervisor tick per control
/// step, base and residual submitted separately so the supervisor can cap the residual. What it refused, capped or
/// stopped is counted, never hidden.
/// </summary>
public sealed class SupervisedTask : IDisposable
{
    private readonly SafetyConfig _config;
    private readonly string[] _joints;
    private readonly double[] _measured;
    private readonly double[] _base;
    private readonly double[] _residual;
    private readonly long _periodNs;
    private SafetySupervisor _supervisor;
    private long _now = 1_000_000_000;
    private ulong _sequence;

    public SupervisedTask(SimTask task, string limitsFile)
    {
        ArgumentNullException.ThrowIfNull(task);
        Task = task;
        _config = LoadConfig(limitsFile, task.ControlRateHz);
        _joints = [.. task.JointNames];
        if (!_config.Joints.Select(j => j.Name).SequenceEqual(_joints))
        {
            throw new CliException($"{limitsFile} gates joints [{string.Join(", ", _config.Joints.Select(j => j.Name))}], the task has [{string.Join(", ", _joints)}]");
        }

        (_measured, _base, _residual) = (new double[_joints.Length], new double[_joints.Length], new double[_joints.Length]);
        _periodNs = (long)Math.Round(1e9 / task.ControlRateHz);
        _supervisor = new SafetySupervisor(_config);
    }

    public SimTask Task { get; }

    /// <summary>Commands the supervisor refused (stale, malformed, out of order).</summary>
    public long Rejections { get; private set; }

    /// <summary>Ticks on which the supervisor cut the residual to its cap.</summary>
    public long ResidualCaps { get; private set; }

    /// <summary>Stops, holds, faults and e-stops: any leaving of RUNNING the operator did not ask for.</summary>
    public long Faults { get; private set; }

    /// <summary>Why the supervisor last left RUNNING (the cause of that transition, not of the HOLD it ended in).</summary>
    public string? LastFault { get; private set; }

    public bool Running => _supervisor.State == SupervisorState.Running;

    /// <summary>A new episode: the scene from the seed, then ARM and START from where the robot stands.</summary>
    public void Reset(int seed)
    {
        Task.Reset(seed);
        // A teleport between episodes is not a motion the supervisor should judge: each episode gets a fresh one.
        _supervisor = new SafetySupervisor(_config);
        Task.ReadJointPositions(_measured);
        _supervisor.Tick(_now, _measured, _now);
        Require(_supervisor.Request(SupervisorEvent.Arm, Principal.Operator, _now));
        Submit(_measured, []);
        Require(_supervisor.Request(SupervisorEvent.Start, Principal.Operator, _now));
    }

    /// <summary>
    /// One control step: base and residual (joint units) to the supervisor, its decision to the simulated servos.
    /// Returns false when the supervisor has left RUNNING (the episode cannot go on).
    /// </summary>
    public bool Step(ReadOnlySpan<double> basePosition, ReadOnlySpan<double> residual)
    {
        Submit(basePosition, residual);
        Task.ReadJointPositions(_measured);
        var decision = _supervisor.Tick(_now, _measured, _now);
        if ((decision.Reasons & SafetyReason.ResidualCapped) != 0)
        {
            ResidualCaps++;
        }

        if (decision.State != SupervisorState.Running)
        {
            Faults++;
            LastFault = _supervisor.Transitions.LastOrDefault(t => t.From == SupervisorState.Running)?.Cause ?? decision.State.ToString();
            return false;
        }

        Task.ApplyAction(decision.Sent);
        _now += _periodNs;
        return true;
    }

    private void Submit(ReadOnlySpan<double> basePosition, ReadOnlySpan<double> residual)
    {
        basePosition.CopyTo(_base);
        Array.Clear(_residual);
        residual.CopyTo(_residual);
        var reasons = _supervisor.Submit(CommandSource.Policy, ++_sequence, _now, _joints, _base, residual.IsEmpty ? [] : _residual, intervention: false, _now);
        if (reasons != SafetyReason.None)
        {
            Rejections++;
        }
    }

    private static void Require(EventResult result)
    {
        if (!result.Accepted)
        {
            throw new CliException($"the supervisor refused to start an episode: {result.Message}");
        }
    }

    /// <summary>The supervisor node's configuration from a parameter file, read exactly as the node reads it.</summary>
    private static SafetyConfig LoadConfig(string limitsFile, double rateHz)
    {
        var overrides = ParameterFile.Load(limitsFile).ParametersFor("/supervisor").ToDictionary(p => p.Name, p => (object?)p.Value);
        using var context = new RosContext(new ContextOptions { LogLevel = Middleware.Logging.LogLevel.Error });
        using var node = context.CreateNode("supervisor", new NodeOptions { ParameterOverrides = overrides, StartParameterServices = false, EnableRosout = false });
        var config = SafetyParameters.Declare(node.Parameters, rateHz);
        var errors = config.Validate();
        return errors.Count == 0 ? config : throw new CliException($"{limitsFile}: {string.Join("; ", errors)}");
    }

    public void Dispose() => Task.Dispose();
}
