using Robotics.Sim.MuJoCo.Tasks;

namespace Robotics.Sim.MuJoCo.Vector;

/// <summary>
/// N independent copies of a task stepped in parallel, for RL and batched inference: actions in, observations,
/// rewards and episode ends out, all as flat row-major batches (env-major: row i is environment i). Each environment
/// has its own model and data (MuJoCo's state is not shared), so workers never contend; the batch is split into one
/// contiguous slice per worker thread. An environment whose episode ended (success or time limit) is reset at once
/// (environment i of N runs seeds first + i, first + i + N, …), and its observation row is the new episode's first.
/// </summary>
public sealed class VectorEnv : IDisposable
{
    private readonly SimTask[] _envs;
    private readonly int _workers;
    private readonly int[] _seeds;
    private readonly Batch _batch;

    /// <param name="create">Makes one environment (e.g. <c>() => new InsertionTask()</c>).</param>
    /// <param name="count">Number of environments.</param>
    /// <param name="workers">Threads stepping them (default: one per core, at most <paramref name="count"/>).</param>
    public VectorEnv(Func<SimTask> create, int count, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _envs = new SimTask[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                _envs[i] = create();
            }
        }
        catch
        {
            Dispose();
            throw;
        }

        _workers = Math.Clamp(workers ?? Environment.ProcessorCount, 1, count);
        _seeds = new int[count];
        (ActionSize, ObservationSize) = (_envs[0].JointCount, _envs[0].ObservationSize);
        _batch = new Batch(new double[count * ActionSize], new double[count * ObservationSize], new double[count], new bool[count]);
    }

    public int Count => _envs.Length;

    public int ActionSize { get; }

    public int ObservationSize { get; }

    public IReadOnlyList<SimTask> Environments => _envs;

    /// <summary>Resets every environment with seeds <paramref name="firstSeed"/>, +1, … and writes their first observations.</summary>
    public void Reset(int firstSeed, Span<double> observations)
    {
        CheckLength(observations.Length, ObservationSize, nameof(observations));
        for (var i = 0; i < _envs.Length; i++)
        {
            _seeds[i] = firstSeed + i;
            _envs[i].Reset(_seeds[i]);
            _envs[i].Observe(observations.Slice(i * ObservationSize, ObservationSize));
        }
    }

    /// <summary>
    /// Applies one action row per environment for one control period, in parallel. Rewards are the task's progress
    /// gain this period (1 on success); <paramref name="done"/> marks episodes that ended and were reset.
    /// </summary>
    public void Step(ReadOnlySpan<double> actions, Span<double> observations, Span<double> rewards, Span<bool> done)
    {
        CheckLength(actions.Length, ActionSize, nameof(actions));
        CheckLength(observations.Length, ObservationSize, nameof(observations));
        CheckLength(rewards.Length, 1, nameof(rewards));
        CheckLength(done.Length, 1, nameof(done));

        // Spans cannot cross into the worker lambdas: the batch goes through arrays this environment owns.
        var batch = _batch;
        actions.CopyTo(batch.Actions);
        var perWorker = (_envs.Length + _workers - 1) / _workers;
        Parallel.For(0, _workers, new ParallelOptions { MaxDegreeOfParallelism = _workers }, w =>
        {
            for (var i = w * perWorker; i < Math.Min(_envs.Length, (w + 1) * perWorker); i++)
            {
                StepOne(i, batch);
            }
        });

        batch.Observations.CopyTo(observations);
        batch.Rewards.CopyTo(rewards);
        batch.Done.CopyTo(done);
    }

    public void Dispose()
    {
        foreach (var env in _envs)
        {
            env?.Dispose();
        }
    }

    private void StepOne(int i, Batch batch)
    {
        var env = _envs[i];
        var before = env.Evaluate().Progress;
        env.ApplyAction(batch.Actions.AsSpan(i * ActionSize, ActionSize));
        var after = env.Evaluate();
        batch.Rewards[i] = after.Success ? 1 : after.Progress - before;
        batch.Done[i] = after.Success || env.ControlStep >= env.MaxControlSteps;
        if (batch.Done[i])
        {
            // Environment i walks seeds first + i, first + i + N, …: the same episodes whatever the threads' timing.
            _seeds[i] += _envs.Length;
            env.Reset(_seeds[i]);
        }

        env.Observe(batch.Observations.AsSpan(i * ObservationSize, ObservationSize));
    }

    private void CheckLength(int length, int perEnv, string name)
    {
        if (length != perEnv * _envs.Length)
        {
            throw new ArgumentException($"{name} must hold {_envs.Length} × {perEnv} values, not {length}", name);
        }
    }

    private sealed record Batch(double[] Actions, double[] Observations, double[] Rewards, bool[] Done);
}
