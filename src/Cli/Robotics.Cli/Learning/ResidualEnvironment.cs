namespace Robotics.Cli.Learning;

/// <summary>
/// A supervised simulated task seen as residual RL sees it: the state is [normalized observation, the base policy's
/// normalized action for this step], the action the normalized executed action. Each step sends the base and the
/// residual (in joint units) through the supervisor. Sparse reward: 1 on success, which ends the episode; the time
/// limit truncates it; a supervisor stop ends it as a fault. With a <see cref="Shaper"/> the reward is the reward
/// model's (shaped, or the φ negative control), and a step it cannot score is marked quarantined.
/// </summary>
public sealed class ResidualEnvironment : IDisposable
{
    private readonly double[] _observation;
    private readonly float[] _physicalBase;
    private readonly float[] _physicalTarget;
    private readonly double[] _base;
    private readonly double[] _residual;

    public ResidualEnvironment(SupervisedTask supervised, BaseActions baseActions)
    {
        ArgumentNullException.ThrowIfNull(supervised);
        ArgumentNullException.ThrowIfNull(baseActions);
        (Supervised, Base) = (supervised, baseActions);
        ObservationSize = supervised.Task.ObservationSize;
        ActionSize = supervised.Task.JointCount;
        State = new float[ObservationSize + ActionSize];
        _observation = new double[ObservationSize];
        (_physicalBase, _physicalTarget) = (new float[ActionSize], new float[ActionSize]);
        (_base, _residual) = (new double[ActionSize], new double[ActionSize]);
    }

    public SupervisedTask Supervised { get; }

    public BaseActions Base { get; }

    /// <summary>
    /// RL from scratch (RLPD): the actor's action is the whole command, sent to the supervisor as the base with no
    /// residual — sent as a residual around a zero base it would be capped at the supervisor's max_residual.
    /// </summary>
    public bool WholeActionAsBase { get; init; }

    /// <summary>Scores each step with a reward model instead of the sparse reward (null: sparse).</summary>
    public RewardShaper? Shaper { get; init; }

    public int ObservationSize { get; }

    public int ActionSize { get; }

    /// <summary>The current state: observation then base action (the actor's input, the replay buffer's state).</summary>
    public float[] State { get; }

    public ReadOnlySpan<float> BaseAction => State.AsSpan(ObservationSize);

    public void Reset(int seed)
    {
        Supervised.Reset(seed);
        Base.Reset();
        Observe();
        Shaper?.Begin(_observation);
    }

    /// <summary>
    /// Executes <paramref name="executed"/> (normalized) and moves <see cref="State"/> on to the next step.
    /// <paramref name="asBase"/>: the whole action is the command (a demonstrator's), not base + a capped residual.
    /// </summary>
    public StepOutcome Step(ReadOnlySpan<float> executed, bool asBase = false)
    {
        var whole = asBase || WholeActionAsBase;
        var normalizer = Base.Normalizer;
        normalizer.Denormalize(BaseAction, _physicalBase);
        normalizer.Denormalize(executed, _physicalTarget);
        for (var j = 0; j < ActionSize; j++)
        {
            _base[j] = whole ? _physicalTarget[j] : _physicalBase[j];
            _residual[j] = _physicalTarget[j] - _physicalBase[j];
        }

        var running = whole ? Supervised.Step(_base, []) : Supervised.Step(_base, _residual);
        var task = Supervised.Task;
        var success = running && task.Evaluate().Success;
        if (running)
        {
            Observe(); // after a stop the episode is over: the state stays where it stopped
        }

        var reward = success ? 1f : 0f;
        var quarantined = Shaper is { } shaper && !shaper.TryReward(reward, terminal: success, _observation, out reward);
        return new StepOutcome(reward, Terminal: success, Truncated: !success && (!running || task.ControlStep >= task.MaxControlSteps), Fault: !running) { Quarantined = quarantined };
    }

    private void Observe()
    {
        var task = Supervised.Task;
        task.Observe(_observation);
        Base.Normalizer.NormalizeState(_observation, State);
        Base.Next(task.ControlStep, _observation, State.AsSpan(ObservationSize));
    }

    public void Dispose()
    {
        Supervised.Dispose();
        Base.Dispose();
    }
}

/// <summary>What one step led to. <see cref="Terminal"/>: success (a true end); <see cref="Truncated"/>: time limit or a supervisor stop.</summary>
public readonly record struct StepOutcome(float Reward, bool Terminal, bool Truncated, bool Fault)
{
    public bool Done => Terminal || Truncated;

    /// <summary>The reward model could not score this step: its <see cref="Reward"/> is not to be learned from.</summary>
    public bool Quarantined { get; init; }
}
