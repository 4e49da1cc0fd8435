namespace Robotics.Policies.Rewards;

/// <summary>
/// Settings of <see cref="RewardModelTrainer.Train"/> (LEARNING.md §4, sized for 2 CPU cores). Every value is checked
/// when set and an invalid one throws naming the field, so an invalid options object cannot exist.
/// </summary>
public sealed record RewardModelOptions
{
    private readonly int _stages;
    private readonly IReadOnlyList<int> _hidden = [256, 256];
    private readonly float _learningRate = 3e-4f;
    private readonly int _batchSize = 256;
    private readonly int _steps = 3000;
    private readonly float _maxGradientNorm = 1f;
    private readonly double _rewindProbability = 0.5;
    private readonly int _contextFrames = 1;
    private readonly int _contextStride = 1;
    private readonly double _successWindowFraction = 0.1;
    private readonly double _validationFraction = 0.1;
    private readonly int _evaluateEvery = 100;

    /// <summary>Options for a model of <paramref name="stages"/> stages (K).</summary>
    public RewardModelOptions(int stages) => Stages = stages;

    /// <summary>K: stages of the task (SARM: subtasks such as reach, grasp, lift, place); 1 to 64.</summary>
    public int Stages { get => _stages; init => _stages = value is >= 1 and <= 64 ? value : throw new ArgumentOutOfRangeException(nameof(Stages), value, "Stages must be in [1, 64]."); }

    /// <summary>Hidden widths; 256 × 2 as the actor and critic (LEARNING.md §3), each ≥ 1.</summary>
    public IReadOnlyList<int> Hidden
    {
        get => _hidden;
        init => _hidden = value is not null && value.All(w => w >= 1) ? [.. value] : throw new ArgumentOutOfRangeException(nameof(Hidden), "Hidden widths must all be ≥ 1.");
    }

    /// <summary>LayerNorm in every hidden layer, as ResFiT's networks: it keeps training stable without tuning.</summary>
    public bool LayerNorm { get; init; } = true;

    /// <summary>Adam step size; 3e-4 is the common default for supervised heads of this size.</summary>
    public float LearningRate { get => _learningRate; init => _learningRate = Positive(value, nameof(LearningRate)); }

    /// <summary>Frames per step.</summary>
    public int BatchSize { get => _batchSize; init => _batchSize = AtLeastOne(value, nameof(BatchSize)); }

    /// <summary>Adam steps.</summary>
    public int Steps { get => _steps; init => _steps = AtLeastOne(value, nameof(Steps)); }

    /// <summary>Global gradient-norm clip (ResFiT uses 1.0 throughout).</summary>
    public float MaxGradientNorm { get => _maxGradientNorm; init => _maxGradientNorm = Positive(value, nameof(MaxGradientNorm)); }

    /// <summary>
    /// Chance that a sample comes from a rewound sequence (SARM: frames t−1, t−2, … appended after a prefix, targets
    /// those of the frames copied, so progress goes down). Only a model that sees history (<see cref="ContextFrames"/>
    /// &gt; 1) can tell a rewound frame from a forward one; with one frame it only re-weights frames. In [0, 1].
    /// </summary>
    public double RewindProbability { get => _rewindProbability; init => _rewindProbability = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(RewindProbability), value, "RewindProbability must be in [0, 1]."); }

    /// <summary>Frames the model sees: the current one and C − 1 earlier ones (1 = the state alone, Markov). 1 to 16.</summary>
    public int ContextFrames { get => _contextFrames; init => _contextFrames = value is >= 1 and <= 16 ? value : throw new ArgumentOutOfRangeException(nameof(ContextFrames), value, "ContextFrames must be in [1, 16]."); }

    /// <summary>Frames between two context frames (at 20 Hz, 5 = 0.25 s), ≥ 1.</summary>
    public int ContextStride { get => _contextStride; init => _contextStride = AtLeastOne(value, nameof(ContextStride)); }

    /// <summary>Fraction of a success's last frames the success head labels 1 (LEARNING.md §4: "the last frames"), in (0, 1].</summary>
    public double SuccessWindowFraction { get => _successWindowFraction; init => _successWindowFraction = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(SuccessWindowFraction), value, "SuccessWindowFraction must be in (0, 1]."); }

    /// <summary>A second network over frame pairs (i, j) with target clip((j − i)/(T − i), −1, 1) (VLAC, Robo-Dopamine).</summary>
    public bool PairwiseHead { get; init; }

    /// <summary>Fraction of episodes held out for the validation curve, in [0, 1); at least one is held out when &gt; 0.</summary>
    public double ValidationFraction { get => _validationFraction; init => _validationFraction = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(ValidationFraction), value, "ValidationFraction must be in [0, 1)."); }

    /// <summary>Steps between two points of the learning curve.</summary>
    public int EvaluateEvery { get => _evaluateEvery; init => _evaluateEvery = AtLeastOne(value, nameof(EvaluateEvery)); }

    /// <summary>Seeds initialisation, the split and sampling: the same seed and data give the same model.</summary>
    public ulong Seed { get; init; } = 1;

    private static float Positive(float value, string name) =>
        float.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0.");

    private static int AtLeastOne(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 1.");
}
