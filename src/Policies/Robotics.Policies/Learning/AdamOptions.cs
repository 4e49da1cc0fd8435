namespace Robotics.Policies.Learning;

/// <summary>
/// Adam hyper-parameters (Kingma and Ba 2015), defaults as PyTorch's torch.optim.Adam. Each value is checked when set,
/// so an invalid options object cannot exist.
/// </summary>
public sealed record AdamOptions
{
    private readonly float _learningRate = 1e-3f;
    private readonly float _beta1 = 0.9f;
    private readonly float _beta2 = 0.999f;
    private readonly float _epsilon = 1e-8f;
    private readonly float _weightDecay;
    private readonly float? _maxGradientNorm;

    /// <summary>Step size; ResFiT uses 1e-4 for critics and 1e-6 for the residual actor.</summary>
    public float LearningRate { get => _learningRate; init => _learningRate = Positive(value, nameof(LearningRate)); }

    /// <summary>Decay of the first-moment average, in [0, 1).</summary>
    public float Beta1 { get => _beta1; init => _beta1 = UnitInterval(value, nameof(Beta1)); }

    /// <summary>Decay of the second-moment average, in [0, 1).</summary>
    public float Beta2 { get => _beta2; init => _beta2 = UnitInterval(value, nameof(Beta2)); }

    /// <summary>Added to √v̂; keeps steps bounded where a gradient has been ~0.</summary>
    public float Epsilon { get => _epsilon; init => _epsilon = Positive(value, nameof(Epsilon)); }

    /// <summary>Decoupled weight decay (AdamW, Loshchilov and Hutter 2019): w ← w − lr·λ·w before the Adam step; 0 = off.</summary>
    public float WeightDecay
    {
        get => _weightDecay;
        init => _weightDecay = float.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "Weight decay must be finite and ≥ 0.");
    }

    /// <summary>Global gradient-norm clip applied before each step (ResFiT: 1.0); null = no clipping.</summary>
    public float? MaxGradientNorm
    {
        get => _maxGradientNorm;
        init => _maxGradientNorm = value is null ? null : Positive(value.Value, nameof(MaxGradientNorm));
    }

    private static float Positive(float value, string name) =>
        float.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0.");

    private static float UnitInterval(float value, string name) =>
        value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
}
