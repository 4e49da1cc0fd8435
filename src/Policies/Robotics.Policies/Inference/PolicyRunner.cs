using Robotics.Policies.Contract;

namespace Robotics.Policies.Inference;

/// <summary>
/// One policy bound for a batch of robots or simulated environments: rows of observations in, rows of action chunks
/// (joint targets, H × A) out, through one model run. Buffers are made once; a tick allocates nothing. A chunk with
/// a non-finite value is refused here (<see cref="PolicyRunException"/>), so NaN never reaches a command.
/// </summary>
public sealed class PolicyRunner : IDisposable
{
    private readonly IModelBinding _binding;
    private readonly Normalizer _normalizer;
    private readonly ImageSpec[] _images;
    private readonly ITaskEncoder? _taskEncoder;
    private readonly string _state;
    private readonly string _action;
    private readonly float[] _chunks;

    public PolicyRunner(PolicySpec spec, IPolicyModel model, int batchSize = 1, ITaskEncoder? taskEncoder = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        (Spec, BatchSize, _taskEncoder) = (spec, batchSize, taskEncoder);
        (ChunkLength, ActionSize, StateSize) = (spec.ChunkLength, spec.JointNames.Count, spec.State.Features.Count);
        _normalizer = Normalizer.From(spec);
        _images = [.. spec.Images];
        (_state, _action) = (spec.State.Input, spec.Action.Output);
        if (spec.Language is { InputIds: not null } && taskEncoder is null)
        {
            throw new PolicyLoadException($"policy {spec.PolicyId} takes token ids: load its tokenizer ({spec.Language.Tokenizer})");
        }

        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal) { [_state] = [batchSize, StateSize] };
        foreach (var image in _images)
        {
            shapes[image.Input] = [batchSize, 3, image.Height, image.Width];
        }

        if (spec.Language is { } language)
        {
            foreach (var name in new[] { language.InputIds, language.AttentionMask }.OfType<string>())
            {
                shapes[name] = [batchSize, language.MaxLength];
            }

            if (language.EmbeddingInput is { } embedding)
            {
                shapes[embedding] = [batchSize, language.Embeddings!.Values.First().Count];
            }
        }

        var output = model.Signature.Output(_action) ?? throw new PolicyLoadException($"the model has no output {_action}");
        shapes[_action] = output.Dimensions.Count == 3 ? [batchSize, ChunkLength, ActionSize] : [batchSize, (long)ChunkLength * ActionSize];
        _binding = model.Bind(shapes);
        _chunks = new float[batchSize * ChunkLength * ActionSize];
    }

    public PolicySpec Spec { get; }

    public int BatchSize { get; }

    public int ChunkLength { get; }

    public int ActionSize { get; }

    public int StateSize { get; }

    /// <summary>Test-time action selection applied to every row after each run (null: off, the default).</summary>
    public CandidateSteering? Steering { get; set; }

    /// <summary>Row <paramref name="row"/>'s state, in <see cref="StateSpec.Features"/> order (raw units).</summary>
    public void SetState(int row, ReadOnlySpan<double> state)
    {
        if (state.Length != StateSize)
        {
            throw new ArgumentException($"policy {Spec.PolicyId} takes {StateSize} state values ({string.Join(", ", Spec.State.Features)}), got {state.Length}", nameof(state));
        }

        _normalizer.NormalizeState(state, _binding.Floats(_state).Slice(row * StateSize, StateSize));
    }

    /// <summary>Row <paramref name="row"/>'s camera image <paramref name="image"/> (index into the sidecar's images).</summary>
    public void SetImage(int row, int image, in ImageFrame frame)
    {
        var spec = _images[image];
        var plane = spec.Width * spec.Height * 3;
        ImagePreprocessor.Write(frame, spec, _binding.Floats(spec.Input).Slice(row * plane, plane));
    }

    /// <summary>Row <paramref name="row"/>'s task instruction (token ids + mask, or its embedding).</summary>
    public void SetTask(int row, string text)
    {
        var language = Spec.Language ?? throw new InvalidOperationException($"policy {Spec.PolicyId} takes no task text");
        if (language.InputIds is { } ids)
        {
            var length = language.MaxLength;
            var mask = language.AttentionMask is { } m ? _binding.Int64s(m).Slice(row * length, length) : stackalloc long[length];
            _taskEncoder!.Encode(text, _binding.Int64s(ids).Slice(row * length, length), mask);
        }

        if (language.EmbeddingInput is { } input)
        {
            if (!language.Embeddings!.TryGetValue(text, out var vector))
            {
                throw new ArgumentException($"policy {Spec.PolicyId} has no embedding for the task '{text}' (it knows: {string.Join(", ", language.Embeddings.Keys.Select(k => $"'{k}'"))})", nameof(text));
            }

            for (var i = 0; i < vector.Count; i++)
            {
                _binding.Floats(input)[(row * vector.Count) + i] = vector[i];
            }
        }
    }

    /// <summary>Runs the model on every row; then <see cref="Chunk"/> holds each row's joint targets.</summary>
    public void Run()
    {
        _binding.Run();
        var output = _binding.Floats(_action);
        for (var i = 0; i < output.Length; i++)
        {
            if (!float.IsFinite(output[i]))
            {
                var perRow = ChunkLength * ActionSize;
                throw new PolicyRunException($"policy {Spec.PolicyId} returned {output[i]} for row {i / perRow}, step {i % perRow / ActionSize}, joint {Spec.JointNames[i % ActionSize]}: the chunk is discarded");
            }
        }

        if (Steering is { } steering)
        {
            var perRow = ChunkLength * ActionSize;
            var states = _binding.Floats(_state);
            for (var row = 0; row < BatchSize; row++)
            {
                if (!steering.Steer(states.Slice(row * StateSize, StateSize), output.Slice(row * perRow, perRow)))
                {
                    throw new PolicyRunException($"policy {Spec.PolicyId}: the critic scored none of {steering.Candidates} candidates for row {row} (NaN): the chunk is discarded");
                }
            }
        }

        for (var step = 0; step < output.Length / ActionSize; step++)
        {
            _normalizer.Denormalize(output.Slice(step * ActionSize, ActionSize), _chunks.AsSpan(step * ActionSize, ActionSize));
        }
    }

    /// <summary>Row <paramref name="row"/>'s chunk: H joint-target vectors, row-major H × A.</summary>
    public ReadOnlySpan<float> Chunk(int row) => _chunks.AsSpan(row * ChunkLength * ActionSize, ChunkLength * ActionSize);

    public void Dispose() => _binding.Dispose();
}

/// <summary>Turns a task instruction into token ids and an attention mask of fixed length (padded, truncated).</summary>
public interface ITaskEncoder
{
    void Encode(string text, Span<long> ids, Span<long> attentionMask);
}
