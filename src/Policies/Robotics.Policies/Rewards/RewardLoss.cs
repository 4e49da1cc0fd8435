using Robotics.Policies.Learning;

namespace Robotics.Policies.Rewards;

/// <summary>
/// The reward network's loss over a batch of output rows laid out as <see cref="RewardOutputLayout"/>: cross-entropy of
/// the stage logits + MSE of the labelled stage's τ (SARM) + BCE of the success logit (HIL-SERL), each a mean over rows
/// and weighted 1. Only the τ of the frame's own stage is trained: the others are not asked for there. Gathers each head
/// into contiguous buffers (the losses in <see cref="Losses"/> want them) and scatters the gradients back.
/// </summary>
internal sealed class RewardLoss
{
    private readonly RewardOutputLayout _layout;
    private float[] _logits = [];
    private float[] _logitGradient = [];
    private float[] _taus = [];
    private float[] _tauGradient = [];
    private float[] _success = [];
    private float[] _successGradient = [];

    public RewardLoss(int stages) => _layout = new RewardOutputLayout(stages);

    /// <summary>
    /// Returns the total and its three terms; writes dTotal/dOutput into <paramref name="gradient"/> ([batch, 2K + 1],
    /// overwritten) unless it is empty.
    /// </summary>
    public (float Total, float Stage, float Tau, float Success) Compute(ReadOnlySpan<float> output, ReadOnlySpan<int> stageTargets, ReadOnlySpan<float> tauTargets, ReadOnlySpan<float> successTargets, Span<float> gradient)
    {
        var (k, width, batch) = (_layout.Stages, _layout.Size, stageTargets.Length);
        if (output.Length != batch * width || tauTargets.Length != batch || successTargets.Length != batch || (!gradient.IsEmpty && gradient.Length != output.Length))
        {
            throw new ArgumentException($"a batch of {batch} rows needs {batch * width} outputs (2K + 1 = {width} each) and {batch} τ and success targets");
        }

        Reserve(batch);
        var logits = _logits.AsSpan(0, batch * k);
        var taus = _taus.AsSpan(0, batch);
        var success = _success.AsSpan(0, batch);
        for (var r = 0; r < batch; r++)
        {
            var row = output.Slice(r * width, width);
            if ((uint)stageTargets[r] >= (uint)k)
            {
                throw new ArgumentOutOfRangeException(nameof(stageTargets), stageTargets[r], $"row {r}: stage outside [0, {k})");
            }

            row.Slice(RewardOutputLayout.StageLogits, k).CopyTo(logits.Slice(r * k, k));
            taus[r] = row[_layout.StageProgress + stageTargets[r]];
            success[r] = row[_layout.SuccessLogit];
        }

        var withGradient = !gradient.IsEmpty;
        var logitGradient = withGradient ? _logitGradient.AsSpan(0, batch * k) : default;
        var tauGradient = withGradient ? _tauGradient.AsSpan(0, batch) : default;
        var successGradient = withGradient ? _successGradient.AsSpan(0, batch) : default;
        var stage = Losses.CrossEntropy(logits, stageTargets, logitGradient);
        var tau = Losses.MeanSquaredError(taus, tauTargets, tauGradient);
        var successLoss = Losses.BinaryCrossEntropyWithLogits(success, successTargets, successGradient);
        if (withGradient)
        {
            gradient.Clear();
            for (var r = 0; r < batch; r++)
            {
                var row = gradient.Slice(r * width, width);
                logitGradient.Slice(r * k, k).CopyTo(row.Slice(RewardOutputLayout.StageLogits, k));
                row[_layout.StageProgress + stageTargets[r]] = tauGradient[r];
                row[_layout.SuccessLogit] = successGradient[r];
            }
        }

        return (stage + tau + successLoss, stage, tau, successLoss);
    }

    private void Reserve(int batch)
    {
        if (_taus.Length >= batch)
        {
            return;
        }

        var k = _layout.Stages;
        (_logits, _logitGradient) = (new float[batch * k], new float[batch * k]);
        (_taus, _tauGradient, _success, _successGradient) = (new float[batch], new float[batch], new float[batch], new float[batch]);
    }
}
