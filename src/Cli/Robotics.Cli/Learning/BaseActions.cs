using Robotics.Policies.Chunking;
using Robotics.Policies.Contract;
using Robotics.Policies.Inference;

namespace Robotics.Cli.Learning;

/// <summary>
/// The frozen base policy's action for each control step, as the policy node would execute it (chunks from the model,
/// the chunk scheduler's mode), in normalized units [−1, 1]. Without a model (RL from scratch) the base is zero.
/// </summary>
public sealed class BaseActions : IDisposable
{
    private readonly PolicyRunner? _runner;
    private readonly ChunkScheduler? _scheduler;
    private readonly float[] _physical;
    private readonly double[] _targets;

    public BaseActions(PolicySpec spec, IPolicyModel? model, ChunkMode mode = ChunkMode.Sync)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Normalizer = Normalizer.From(spec);
        if (model is not null)
        {
            _runner = new PolicyRunner(spec, model);
            _scheduler = new ChunkScheduler(new ChunkSchedulerOptions(_runner.ActionSize, _runner.ChunkLength, mode) { ControlRateHz = spec.ControlRateHz });
        }

        _physical = new float[Normalizer.ActionSize];
        _targets = new double[Normalizer.ActionSize];
    }

    public Normalizer Normalizer { get; }

    public void Reset() => _scheduler?.Reset();

    /// <summary>The base action for control step <paramref name="step"/> given the observation then (normalized).</summary>
    public void Next(long step, ReadOnlySpan<double> observation, Span<float> normalized)
    {
        if (_runner is null || _scheduler is null)
        {
            normalized.Clear();
            return;
        }

        if (_scheduler.NeedsInference(step))
        {
            _runner.SetState(0, observation);
            _runner.Run();
            _scheduler.AddChunk(step, _runner.Chunk(0), step);
        }

        if (!_scheduler.TryTake(step, _physical, out _))
        {
            throw new InvalidOperationException($"the base policy has no action for step {step} right after inference");
        }

        for (var j = 0; j < _targets.Length; j++)
        {
            _targets[j] = _physical[j];
        }

        Normalizer.NormalizeAction(_targets, normalized);
    }

    public void Dispose() => _runner?.Dispose();
}
