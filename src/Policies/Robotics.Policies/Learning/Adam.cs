using System.Numerics;
using System.Runtime.InteropServices;

namespace Robotics.Policies.Learning;

/// <summary>
/// Adam with bias correction and optional decoupled weight decay (AdamW) and global gradient clipping, updating
/// <see cref="Parameter.Value"/> from <see cref="Parameter.Grad"/> in one fused SIMD pass per parameter (m, v and w
/// each read and written once), with torch.optim.Adam(W)'s formulas: step = lr/(1 − β1ᵗ), denominator = √v/√(1 − β2ᵗ) + ε.
/// </summary>
public sealed class Adam
{
    private readonly Parameter[] _parameters;
    private readonly float[][] _m;
    private readonly float[][] _v;
    private float _learningRate;

    /// <summary>An optimizer over <paramref name="parameters"/> with zeroed moments.</summary>
    public Adam(IReadOnlyList<Parameter> parameters, AdamOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        _parameters = [.. parameters];
        if (_parameters.Length == 0 || _parameters.Distinct().Count() != _parameters.Length)
        {
            throw new ArgumentException("Adam needs at least one parameter and each at most once.", nameof(parameters));
        }

        Options = options;
        _learningRate = options.LearningRate;
        _m = [.. _parameters.Select(p => new float[p.Length])];
        _v = [.. _parameters.Select(p => new float[p.Length])];
        Parameters = Array.AsReadOnly(_parameters);
    }

    /// <summary>The options it was built with (<see cref="LearningRate"/> may have moved since).</summary>
    public AdamOptions Options { get; }

    /// <summary>The parameters it updates, in order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Current step size; settable for schedules (warm-up, decay).</summary>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = float.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Learning rate must be finite and > 0.");
    }

    /// <summary>Steps taken (t in the bias corrections); skipped steps do not count.</summary>
    public long StepCount { get; private set; }

    /// <summary>Steps refused because the gradient norm was NaN or infinite.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>
    /// Clips (if <see cref="AdamOptions.MaxGradientNorm"/> is set) and applies one update; returns the global gradient
    /// norm before clipping, for logging. A non-finite norm skips the update entirely, moments included: one NaN would
    /// otherwise poison every weight and moment for good (PyTorch would apply it).
    /// </summary>
    public float Step()
    {
        var norm = Options.MaxGradientNorm is { } max
            ? GradientClipping.ClipByGlobalNorm(_parameters, max)
            : GradientClipping.GlobalNorm(_parameters);
        if (!float.IsFinite(norm))
        {
            SkippedSteps++;
            return norm;
        }

        StepCount++;
        var o = Options;
        var correction1 = 1 - Math.Pow(o.Beta1, StepCount);
        var correction2 = 1 - Math.Pow(o.Beta2, StepCount);
        var step = (float)(_learningRate / correction1);
        var inverseSqrtCorrection2 = (float)(1 / Math.Sqrt(correction2));
        var decay = 1 - (_learningRate * o.WeightDecay);
        for (var i = 0; i < _parameters.Length; i++)
        {
            Update(_parameters[i].Value, _parameters[i].Grad, _m[i], _v[i], o.Beta1, o.Beta2, o.Epsilon, step, inverseSqrtCorrection2, decay);
        }

        return norm;
    }

    /// <summary>Clears the gradients of every parameter it updates.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.ZeroGrad();
        }
    }

    /// <summary>First moments, one array per parameter (for checkpoints).</summary>
    internal float[][] FirstMoments => _m;

    /// <summary>Second moments, one array per parameter (for checkpoints).</summary>
    internal float[][] SecondMoments => _v;

    /// <summary>Restores a checkpointed step count; moments are copied into <see cref="FirstMoments"/>/<see cref="SecondMoments"/> by the caller.</summary>
    internal void RestoreStepCount(long steps) => StepCount = steps;

    private static void Update(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float epsilon, float step, float inverseSqrtCorrection2, float decay)
    {
        var (oneMinusBeta1, oneMinusBeta2) = (1 - beta1, 1 - beta2);
        ref var wr = ref MemoryMarshal.GetArrayDataReference(w);
        ref var gr = ref MemoryMarshal.GetArrayDataReference(g);
        ref var mr = ref MemoryMarshal.GetArrayDataReference(m);
        ref var vr = ref MemoryMarshal.GetArrayDataReference(v);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<float>.Count;
            for (; i <= w.Length - width; i += width)
            {
                var at = (nuint)i;
                var gi = Vector.LoadUnsafe(ref gr, at);
                var mi = (Vector.LoadUnsafe(ref mr, at) * beta1) + (gi * oneMinusBeta1);
                var vi = (Vector.LoadUnsafe(ref vr, at) * beta2) + (gi * gi * oneMinusBeta2);
                var denominator = (Vector.SquareRoot(vi) * inverseSqrtCorrection2) + new Vector<float>(epsilon);
                var wi = (Vector.LoadUnsafe(ref wr, at) * decay) - (mi / denominator * step);
                mi.StoreUnsafe(ref mr, at);
                vi.StoreUnsafe(ref vr, at);
                wi.StoreUnsafe(ref wr, at);
            }
        }

        for (; i < w.Length; i++)
        {
            var mi = (m[i] * beta1) + (g[i] * oneMinusBeta1);
            var vi = (v[i] * beta2) + (g[i] * g[i] * oneMinusBeta2);
            m[i] = mi;
            v[i] = vi;
            w[i] = (w[i] * decay) - (mi / ((MathF.Sqrt(vi) * inverseSqrtCorrection2) + epsilon) * step);
        }
    }
}
