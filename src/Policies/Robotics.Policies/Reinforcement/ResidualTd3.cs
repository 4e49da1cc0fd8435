using Robotics.Policies.Learning;

namespace Robotics.Policies.Reinforcement;

/// <summary>
/// The residual TD3 learner (ResFiT; LEARNING.md §3). Critics see [observation, base action, executed action];
/// targets are r + γⁿ·min over a random subset of target critics at the target actor's smoothed action; the actor
/// ascends the mean over critics of Q(s, clip(base + α·tanh f)). Batches come half from online data, half from
/// demonstrations (<see cref="SymmetricSampler"/>). Buffers are made once: an update allocates nothing.
/// </summary>
public sealed class ResidualTd3
{
    private readonly Mlp _actorTarget;
    private readonly Mlp[] _critics;
    private readonly Mlp[] _criticTargets;
    private readonly Adam _actorOptimizer;
    private readonly Adam[] _criticOptimizers;
    private readonly Rng _rng;
    private readonly int _s;   // actor input: observation + base action
    private readonly int _a;
    private readonly float[] _states, _actions, _rewards, _nextStates, _discounts;
    private readonly float[] _criticInput, _targets, _qGradient, _inputGradient, _actionGradient, _squashed;
    private readonly int[] _subset;

    public ResidualTd3(int observationSize, int actionSize, ResidualTd3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TargetSubset > options.Critics)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"TargetSubset {options.TargetSubset} is more than the {options.Critics} critics");
        }

        Options = options;
        _rng = new Rng(options.Seed);
        Actor = new ResidualActor(observationSize, actionSize, options.Hidden, options.Alpha, _rng);
        _actorTarget = Actor.Network.Clone();
        (_s, _a) = (Actor.InputSize, actionSize);
        _critics = [.. Enumerable.Range(0, options.Critics).Select(_ => Mlp.Create(_s + _a, [.. options.Hidden], 1, _rng, layerNorm: true))];
        _criticTargets = [.. _critics.Select(c => c.Clone())];
        _actorOptimizer = new Adam(Actor.Network.Parameters, new AdamOptions { LearningRate = options.ActorLearningRate, MaxGradientNorm = options.MaxGradientNorm });
        _criticOptimizers = [.. _critics.Select(c => new Adam(c.Parameters, new AdamOptions { LearningRate = options.CriticLearningRate, MaxGradientNorm = options.MaxGradientNorm }))];
        var b = options.BatchSize;
        (_states, _nextStates, _actions) = (new float[b * _s], new float[b * _s], new float[b * _a]);
        (_rewards, _discounts, _targets, _qGradient) = (new float[b], new float[b], new float[b], new float[b]);
        (_criticInput, _inputGradient) = (new float[b * (_s + _a)], new float[b * (_s + _a)]);
        (_actionGradient, _squashed) = (new float[b * _a], new float[b * _a]);
        _subset = new int[options.Critics];
    }

    public ResidualTd3Options Options { get; }

    /// <summary>The actor being trained (the one whose weights are published).</summary>
    public ResidualActor Actor { get; }

    public IReadOnlyList<Mlp> Critics => _critics;

    /// <summary>Critic updates done (each over one batch).</summary>
    public long CriticUpdates { get; private set; }

    public long ActorUpdates { get; private set; }

    /// <summary>Networks and optimizers by name, for checkpoints: actor, actor_target, critic_i, critic_target_i.</summary>
    public IEnumerable<(string Name, Mlp Network, Adam? Optimizer)> Networks()
    {
        yield return ("actor", Actor.Network, _actorOptimizer);
        yield return ("actor_target", _actorTarget, null);
        for (var i = 0; i < _critics.Length; i++)
        {
            yield return ($"critic_{i}", _critics[i], _criticOptimizers[i]);
            yield return ($"critic_target_{i}", _criticTargets[i], null);
        }
    }

    /// <summary>Restores counters after a checkpoint's networks were loaded.</summary>
    public void RestoreCounters(long criticUpdates, long actorUpdates) => (CriticUpdates, ActorUpdates) = (criticUpdates, actorUpdates);

    /// <summary>
    /// One environment step's worth of learning: <see cref="ResidualTd3Options.UpdatesPerStep"/> critic updates, then
    /// (after the critic warm-up, every <see cref="ResidualTd3Options.ActorUpdateInterval"/>) an actor update.
    /// </summary>
    public Td3Statistics Update(SymmetricSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        var (criticLoss, actorObjective, onlineRows) = (0f, float.NaN, 0);
        for (var u = 0; u < Options.UpdatesPerStep; u++)
        {
            onlineRows = sampler.Sample(_rng, _states, _actions, _rewards, _nextStates, _discounts);
            criticLoss += UpdateCritics();
            CriticUpdates++;
            if (CriticUpdates > Options.CriticWarmupUpdates && CriticUpdates % Options.ActorUpdateInterval == 0)
            {
                actorObjective = UpdateActor();
                ActorUpdates++;
            }
        }

        return new Td3Statistics(criticLoss / Options.UpdatesPerStep, actorObjective, onlineRows);
    }

    private float UpdateCritics()
    {
        var b = Options.BatchSize;
        // a′ = clip(base′ + α·clip(tanh f′ + clip(ε, ±c), ±1), ±1) on the target actor (TD3 target smoothing).
        var next = _actorTarget.Forward(_nextStates, b);
        for (var row = 0; row < b; row++)
        {
            for (var j = 0; j < _a; j++)
            {
                var noise = Options.TargetNoiseStd > 0 ? Math.Clamp(_rng.Normal(0, Options.TargetNoiseStd), -Options.TargetNoiseClip, Options.TargetNoiseClip) : 0;
                var t = Math.Clamp(next[(row * _a) + j] + noise, -1f, 1f);
                _squashed[(row * _a) + j] = Math.Clamp(_nextStates[(row * _s) + _s - _a + j] + (Options.Alpha * t), -1f, 1f);
            }
        }

        Join(_nextStates, _squashed, b);
        PickSubset();
        _targets.AsSpan(0, b).Fill(float.PositiveInfinity);
        for (var k = 0; k < Options.TargetSubset; k++)
        {
            var q = _criticTargets[_subset[k]].Forward(_criticInput, b);
            for (var row = 0; row < b; row++)
            {
                _targets[row] = Math.Min(_targets[row], q[row]);
            }
        }

        for (var row = 0; row < b; row++)
        {
            _targets[row] = _rewards[row] + (_discounts[row] * _targets[row]);
        }

        Join(_states, _actions, b);
        var loss = 0f;
        for (var i = 0; i < _critics.Length; i++)
        {
            _criticOptimizers[i].ZeroGrad();
            loss += Losses.MeanSquaredError(_critics[i].Forward(_criticInput, b), _targets, _qGradient);
            _critics[i].Backward(_qGradient);
            _criticOptimizers[i].Step();
            Polyak.Update(_criticTargets[i], _critics[i], Options.Tau);
        }

        return loss / _critics.Length;
    }

    /// <summary>Ascends mean_i Q_i(s, clip(base + α·tanh f(s))); returns that mean.</summary>
    private float UpdateActor()
    {
        var b = Options.BatchSize;
        Actor.Network.Forward(_states, b).CopyTo(_squashed);
        for (var row = 0; row < b; row++)
        {
            for (var j = 0; j < _a; j++)
            {
                _actions[(row * _a) + j] = Math.Clamp(_states[(row * _s) + _s - _a + j] + (Options.Alpha * _squashed[(row * _a) + j]), -1f, 1f);
            }
        }

        Join(_states, _actions, b);
        Array.Clear(_actionGradient);
        var objective = 0f;
        var scale = -1f / (b * _critics.Length); // loss = −mean over rows and critics
        _qGradient.AsSpan(0, b).Fill(scale);
        foreach (var critic in _critics)
        {
            var q = critic.Forward(_criticInput, b);
            for (var row = 0; row < b; row++)
            {
                objective += q[row];
            }

            critic.Backward(_qGradient.AsSpan(0, b), _inputGradient, accumulateParameterGradients: false);
            for (var row = 0; row < b; row++)
            {
                for (var j = 0; j < _a; j++)
                {
                    _actionGradient[(row * _a) + j] += _inputGradient[(row * (_s + _a)) + _s + j];
                }
            }
        }

        // Through a = clip(base + α·t): α inside the range, 0 where the clip holds it.
        for (var row = 0; row < b; row++)
        {
            for (var j = 0; j < _a; j++)
            {
                var i = (row * _a) + j;
                var inside = Math.Abs(_states[(row * _s) + _s - _a + j] + (Options.Alpha * _squashed[i])) < 1f;
                _actionGradient[i] = inside ? _actionGradient[i] * Options.Alpha : 0;
            }
        }

        _actorOptimizer.ZeroGrad();
        Actor.Network.Backward(_actionGradient); // its last forward is the one at the top (the critics are other networks)
        _actorOptimizer.Step();
        Polyak.Update(_actorTarget, Actor.Network, Options.Tau);
        return objective / (b * _critics.Length);
    }

    private void Join(float[] states, float[] actions, int rows)
    {
        for (var row = 0; row < rows; row++)
        {
            states.AsSpan(row * _s, _s).CopyTo(_criticInput.AsSpan(row * (_s + _a), _s));
            actions.AsSpan(row * _a, _a).CopyTo(_criticInput.AsSpan((row * (_s + _a)) + _s, _a));
        }
    }

    /// <summary>A random subset of critic indices in the first TargetSubset slots (partial Fisher–Yates).</summary>
    private void PickSubset()
    {
        for (var i = 0; i < _subset.Length; i++)
        {
            _subset[i] = i;
        }

        for (var i = 0; i < Options.TargetSubset; i++)
        {
            var j = _rng.NextInt(i, _subset.Length);
            (_subset[i], _subset[j]) = (_subset[j], _subset[i]);
        }
    }
}
