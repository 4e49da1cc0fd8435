using Robotics.Policies.Contract;
using Robotics.Policies.Export;
using Robotics.Policies.Learning;

namespace Robotics.Policies.Rewards;

/// <summary>
/// A trained stage-aware reward model (SARM; LEARNING.md §4): one MLP from C normalized state frames to
/// [K stage logits, K τ, success logit] (<see cref="RewardOutputLayout"/>), the state normalizer and ᾱ. Progress is
/// φ = Σ_{j&lt;k} ᾱ_j + ᾱ_k·τ_k at the most likely stage k (SARM reads the stage classifier's argmax, then the
/// progress estimator for that stage). Non-finite inputs or outputs are never scored: <see cref="TryPredict"/> says
/// false, <see cref="Predict"/> throws, batches mark the row <see cref="RewardPrediction.Invalid"/>. Not thread-safe
/// (one network and its buffers); give each thread its own, via <see cref="Load"/>.
/// </summary>
public sealed class RewardModel
{
    /// <summary>The ONNX input: raw (unnormalized) context frames [batch, C·S]; the normalizer is folded into the first layer.</summary>
    public const string InputName = "observation.state";

    /// <summary>The ONNX output: [batch, 2K + 1] laid out as <see cref="RewardOutputLayout"/>.</summary>
    public const string OutputName = "reward";

    private const int Chunk = 256;
    private readonly double[] _stateMean;
    private readonly double[] _stateStd;
    private readonly double[] _stageFractions;
    private readonly double[] _stageStarts;
    private readonly Normalizer _normalizer;
    private readonly double[] _raw;
    private readonly float[] _single;
    private readonly bool[] _finite = new bool[Chunk];
    private float[] _batch = [];

    internal RewardModel(Mlp network, Mlp? pairwise, int stateSize, int contextFrames, int contextStride, double[] stateMean, double[] stateStd, double[] stageFractions)
    {
        (Network, PairwiseNetwork, StateSize, ContextFrames, ContextStride) = (network, pairwise, stateSize, contextFrames, contextStride);
        Layout = new RewardOutputLayout(stageFractions.Length);
        if (network.InputSize != InputSize || network.OutputSize != Layout.Size || stateMean.Length != stateSize || stateStd.Length != stateSize)
        {
            throw new ArgumentException($"a reward network for {stateSize} features × {contextFrames} frames and {Stages} stages takes {InputSize} inputs and returns {Layout.Size}; got {network.InputSize} → {network.OutputSize} and {stateMean.Length}/{stateStd.Length} statistics");
        }

        if (pairwise is not null && (pairwise.InputSize != 2 * InputSize || pairwise.OutputSize != 1))
        {
            throw new ArgumentException($"the pairwise network must map {2 * InputSize} inputs to 1; got {pairwise.InputSize} → {pairwise.OutputSize}");
        }

        (_stateMean, _stateStd, _stageFractions) = (stateMean, stateStd, stageFractions);
        _stageStarts = new double[Stages];
        for (var k = 1; k < Stages; k++)
        {
            _stageStarts[k] = _stageStarts[k - 1] + stageFractions[k - 1];
        }

        _normalizer = new Normalizer(stateMean, stateStd, [], []);
        _raw = new double[stateSize];
        _single = new float[2 * InputSize];
        StageFractions = Array.AsReadOnly(stageFractions);
        StateMean = Array.AsReadOnly(stateMean);
        StateStd = Array.AsReadOnly(stateStd);
    }

    /// <summary>The network over normalized inputs (for inspection, relabelling in bulk or fine-tuning).</summary>
    public Mlp Network { get; }

    /// <summary>The pairwise head, or null when trained without one.</summary>
    public Mlp? PairwiseNetwork { get; }

    /// <summary>Where each head sits in an output row.</summary>
    public RewardOutputLayout Layout { get; }

    /// <summary>K.</summary>
    public int Stages => Layout.Stages;

    /// <summary>S: features per frame.</summary>
    public int StateSize { get; }

    /// <summary>C: frames per input (current first).</summary>
    public int ContextFrames { get; }

    /// <summary>Frames between two context frames.</summary>
    public int ContextStride { get; }

    /// <summary>C·S: floats per input row.</summary>
    public int InputSize => ContextFrames * StateSize;

    /// <summary>ᾱ: mean fraction of a successful episode spent in each stage.</summary>
    public IReadOnlyList<double> StageFractions { get; }

    /// <summary>Per-feature state mean (the std is floored at <see cref="Normalizer.MinStd"/> when used).</summary>
    public IReadOnlyList<double> StateMean { get; }

    /// <summary>Per-feature state standard deviation.</summary>
    public IReadOnlyList<double> StateStd { get; }

    /// <summary>Scores one input (C·S raw values, current frame first); throws on a non-finite input or output.</summary>
    public RewardPrediction Predict(ReadOnlySpan<float> input)
    {
        CheckWidth(input.Length, 1);
        if (!RewardInputs.AllFinite(input))
        {
            throw new ArgumentException("the reward input holds a non-finite value; it cannot be scored (quarantine the transition)", nameof(input));
        }

        return TryPredict(input, out var prediction)
            ? prediction
            : throw new InvalidOperationException("the reward network returned a non-finite value for a finite input (corrupt weights?); nothing was scored");
    }

    /// <summary>Scores one input; false (and <see cref="RewardPrediction.Invalid"/>) when the input or output is not finite.</summary>
    public bool TryPredict(ReadOnlySpan<float> input, out RewardPrediction prediction)
    {
        CheckWidth(input.Length, 1);
        prediction = RewardPrediction.Invalid;
        if (!Normalize(input, _single.AsSpan(0, InputSize)))
        {
            return false;
        }

        prediction = Decode(Network.Forward(_single.AsSpan(0, InputSize), 1));
        return prediction.IsValid;
    }

    /// <summary>Scores rows of <paramref name="inputs"/> ([n, C·S]); a non-finite row gets <see cref="RewardPrediction.Invalid"/>. Returns how many are valid.</summary>
    public int PredictBatch(ReadOnlySpan<float> inputs, Span<RewardPrediction> predictions)
    {
        var rows = predictions.Length;
        CheckWidth(inputs.Length, rows);
        if (_batch.Length < Math.Min(rows, Chunk) * InputSize)
        {
            _batch = new float[Math.Min(rows, Chunk) * InputSize];
        }

        var valid = 0;
        for (var start = 0; start < rows; start += Chunk)
        {
            var n = Math.Min(Chunk, rows - start);
            var finite = _finite.AsSpan(0, n);
            for (var r = 0; r < n; r++)
            {
                var row = _batch.AsSpan(r * InputSize, InputSize);
                finite[r] = Normalize(inputs.Slice((start + r) * InputSize, InputSize), row);
                if (!finite[r])
                {
                    row.Clear(); // LayerNorm and Dense work row by row: the zeros cannot touch the other rows
                }
            }

            var output = Network.Forward(_batch.AsSpan(0, n * InputSize), n);
            for (var r = 0; r < n; r++)
            {
                var prediction = finite[r] ? Decode(output.Slice(r * Layout.Size, Layout.Size)) : RewardPrediction.Invalid;
                predictions[start + r] = prediction;
                valid += prediction.IsValid ? 1 : 0;
            }
        }

        return valid;
    }

    /// <summary>Scores every frame of an episode ([T, S] raw), building each frame's context from the frames before it.</summary>
    public RewardPrediction[] PredictEpisode(ReadOnlySpan<float> states)
    {
        if (states.IsEmpty || states.Length % StateSize != 0)
        {
            throw new ArgumentException($"an episode is T × {StateSize} values (T ≥ 1); got {states.Length}", nameof(states));
        }

        var frames = states.Length / StateSize;
        var inputs = new float[frames * InputSize];
        for (var t = 0; t < frames; t++)
        {
            RewardInputs.Context(states, StateSize, t, ContextFrames, ContextStride, inputs.AsSpan(t * InputSize, InputSize));
        }

        var predictions = new RewardPrediction[frames];
        PredictBatch(inputs, predictions);
        return predictions;
    }

    /// <summary>
    /// The pairwise head's estimate of clip((j − i)/(T − i), −1, 1) for inputs at frames i and j of one episode;
    /// false when the model has no pairwise head or an input or the output is not finite.
    /// </summary>
    public bool TryPredictPairwise(ReadOnlySpan<float> inputI, ReadOnlySpan<float> inputJ, out float delta)
    {
        CheckWidth(inputI.Length, 1);
        CheckWidth(inputJ.Length, 1);
        delta = float.NaN;
        if (PairwiseNetwork is null || !Normalize(inputI, _single.AsSpan(0, InputSize)) || !Normalize(inputJ, _single.AsSpan(InputSize, InputSize)))
        {
            return false;
        }

        delta = PairwiseNetwork.Forward(_single, 1)[0];
        return float.IsFinite(delta);
    }

    /// <summary>Writes reward.rnet, reward.json (and reward_pairwise.rnet) into <paramref name="directory"/>.</summary>
    public void Save(string directory) => RewardModelFiles.Save(this, directory, _stateMean, _stateStd, _stageFractions);

    /// <summary>Reads a model written by <see cref="Save"/>; a missing or inconsistent file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static RewardModel Load(string directory) => RewardModelFiles.Load(directory);

    /// <summary>
    /// Writes the main network as ONNX: input <see cref="InputName"/> [batch, C·S] raw frames (the normalizer folded
    /// into the first layer, so an ONNX runner needs no statistics), output <see cref="OutputName"/> [batch, 2K + 1];
    /// K, ᾱ, C, the stride and the layout go into the model's metadata.
    /// </summary>
    public void ExportOnnx(string path) => RewardModelFiles.ExportOnnx(this, Network, path, "reward_model", InputName, OutputName, 1);

    /// <summary>Writes the pairwise head as ONNX (input "pair" [batch, 2·C·S] raw, output "progress_delta" [batch, 1]).</summary>
    public void ExportPairwiseOnnx(string path) =>
        RewardModelFiles.ExportOnnx(this, PairwiseNetwork ?? throw new InvalidOperationException("this reward model was trained without a pairwise head"), path, "reward_pairwise", "pair", "progress_delta", 2);

    /// <summary>A copy of <paramref name="network"/> taking raw inputs: (x − μ)/σ folded into its first Dense, repeated over <paramref name="copies"/> × C frames.</summary>
    internal Mlp FoldNormalizer(Mlp network, int copies)
    {
        var folded = network.Clone();
        var first = folded.Layers[0] as Dense ?? throw new NotSupportedException("folding the normalizer needs a Dense first layer");
        var inputs = first.InputSize;
        if (inputs != copies * InputSize)
        {
            throw new ArgumentException($"the network takes {inputs} inputs, not {copies} × {InputSize}", nameof(network));
        }

        for (var o = 0; o < first.OutputSize; o++)
        {
            var shift = 0.0;
            for (var i = 0; i < inputs; i++)
            {
                var feature = i % StateSize;
                var inverseStd = 1 / Math.Max(_stateStd[feature], Normalizer.MinStd);
                var w = first.Weight.Value[(o * inputs) + i] * inverseStd;
                shift += w * _stateMean[feature];
                first.Weight.Value[(o * inputs) + i] = (float)w;
            }

            first.Bias.Value[o] = (float)(first.Bias.Value[o] - shift);
        }

        return folded;
    }

    private RewardPrediction Decode(ReadOnlySpan<float> row)
    {
        if (!RewardInputs.AllFinite(row))
        {
            return RewardPrediction.Invalid;
        }

        var stage = 0;
        for (var k = 1; k < Stages; k++)
        {
            stage = row[RewardOutputLayout.StageLogits + k] > row[RewardOutputLayout.StageLogits + stage] ? k : stage;
        }

        var tau = Math.Clamp(row[Layout.StageProgress + stage], 0f, 1f);
        var progress = (float)(_stageStarts[stage] + (_stageFractions[stage] * tau));
        var success = 1 / (1 + MathF.Exp(-row[Layout.SuccessLogit]));
        return new RewardPrediction(progress, stage, tau, success);
    }

    private bool Normalize(ReadOnlySpan<float> input, Span<float> normalized)
    {
        if (!RewardInputs.AllFinite(input))
        {
            return false;
        }

        for (var c = 0; c < ContextFrames; c++)
        {
            for (var i = 0; i < StateSize; i++)
            {
                _raw[i] = input[(c * StateSize) + i];
            }

            _normalizer.NormalizeState(_raw, normalized.Slice(c * StateSize, StateSize));
        }

        return true;
    }

    private void CheckWidth(int length, int rows)
    {
        if (length != rows * InputSize)
        {
            throw new ArgumentException($"{rows} input rows of C·S = {ContextFrames}·{StateSize} need {rows * InputSize} floats; got {length}");
        }
    }
}
