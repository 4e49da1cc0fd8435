namespace Robotics.Policies.Rewards;

/// <summary>
/// Where each head sits in the reward network's single output row, [K stage logits, K τ values, 1 success logit]:
/// one plain MLP with one output, so the model exports to ONNX as is and an ONNX runner needs only these offsets.
/// One τ per stage (SARM's progress estimator conditioned on the stage) rather than one shared τ: a shared τ must jump
/// from 1 back to 0 at every stage boundary, which a smooth network blurs into a dip in progress there.
/// </summary>
public readonly record struct RewardOutputLayout(int Stages)
{
    /// <summary>First stage logit (K of them).</summary>
    public static int StageLogits => 0;

    /// <summary>First τ (K of them, τ_k used when stage k is predicted).</summary>
    public int StageProgress => Stages;

    /// <summary>The success logit (HIL-SERL's classifier: p = σ(logit)).</summary>
    public int SuccessLogit => 2 * Stages;

    /// <summary>Values per output row: 2K + 1.</summary>
    public int Size => (2 * Stages) + 1;
}
