using Robotics.Sim.MuJoCo.Randomization;

namespace Robotics.Sim.MuJoCo.Tasks;

/// <summary>
/// A hand-written policy for demonstrations: a noise-free plan from the task's state (<see cref="Plan"/>), then the
/// configured noise on each target. Its own random stream comes from the episode seed, so a demonstration replays
/// exactly.
/// </summary>
public abstract class ScriptedExpert : ITaskPolicy
{
    private readonly int _joints;
    private Random _random = new(0);

    protected ScriptedExpert(SimTask task, ExpertOptions? options)
    {
        ArgumentNullException.ThrowIfNull(task);
        _joints = task.JointCount;
        ControlPeriodSeconds = task.ControlPeriodSeconds;
        Options = options ?? ExpertOptions.Exact;
    }

    public ExpertOptions Options { get; }

    /// <summary>This episode's speed factor.</summary>
    public double SpeedFactor { get; private set; } = 1;

    protected double ControlPeriodSeconds { get; }

    public void Reset(int seed)
    {
        _random = new Random(Seeds.Derive(seed, Seeds.Expert));
        SpeedFactor = Options.SpeedFactor.Sample(_random);
        OnReset();
    }

    public void Act(Span<double> jointTargets)
    {
        if (jointTargets.Length != _joints)
        {
            throw new ArgumentException($"expected {_joints} joint targets, got {jointTargets.Length}", nameof(jointTargets));
        }

        Plan(jointTargets);
        var std = Options.TargetNoiseStd;
        for (var i = 0; i < jointTargets.Length; i++)
        {
            jointTargets[i] += _random.NextGaussian(std);
        }
    }

    /// <summary>Moves <paramref name="current"/> toward <paramref name="goal"/> by at most <paramref name="step"/> (Euclidean); true once there.</summary>
    protected static bool MoveToward(Span<double> current, ReadOnlySpan<double> goal, double step)
    {
        var distance = 0.0;
        for (var i = 0; i < current.Length; i++)
        {
            distance += (goal[i] - current[i]) * (goal[i] - current[i]);
        }

        distance = Math.Sqrt(distance);
        if (distance <= step)
        {
            goal.CopyTo(current);
            return true;
        }

        for (var i = 0; i < current.Length; i++)
        {
            current[i] += (goal[i] - current[i]) * step / distance;
        }

        return false;
    }

    /// <summary>Distance moved in one control period at <paramref name="speed"/> (per second) times this episode's factor.</summary>
    protected double StepAt(double speed) => speed * SpeedFactor * ControlPeriodSeconds;

    /// <summary>Control periods a pause of <paramref name="seconds"/> lasts at this episode's speed (at least one).</summary>
    protected int PeriodsFor(double seconds) => Math.Max(1, (int)Math.Ceiling(seconds / (SpeedFactor * ControlPeriodSeconds)));

    /// <summary>The task's state has been reset: read what the plan needs.</summary>
    protected abstract void OnReset();

    /// <summary>Noise-free targets for the next control period.</summary>
    protected abstract void Plan(Span<double> jointTargets);
}
